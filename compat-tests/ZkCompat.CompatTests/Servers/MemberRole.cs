namespace ZkCompat.CompatTests.Servers;

/// <summary>A member's part in a quorum: a voting participant, or an observer that serves and forwards but never votes.</summary>
internal enum MemberRole
{
    Participant,
    Observer,
}
