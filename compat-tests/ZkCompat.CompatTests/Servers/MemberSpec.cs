namespace ZkCompat.CompatTests.Servers;

/// <summary>One member an ensemble is asked for: which implementation ("java" or "zkcompat") and which role.</summary>
internal sealed record MemberSpec(string Server, MemberRole Role)
{
    public static MemberSpec Participant(string server) => new(server, MemberRole.Participant);

    public static MemberSpec Observer(string server) => new(server, MemberRole.Observer);

    public override string ToString() => $"{Server} {(Role == MemberRole.Observer ? "observer" : "participant")}";
}
