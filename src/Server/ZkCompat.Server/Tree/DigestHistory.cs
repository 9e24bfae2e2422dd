using ZkCompat.Protocol.Ids;

namespace ZkCompat.Server.Tree;

/// <summary>
/// Java's digest log, what the <c>hash</c> command prints: the tree digest after every txn whose
/// zxid is a multiple of 128, the newest 1024 kept. With digest.enabled=false Java still records
/// them, each with digest 0. While replaying over a fuzzy snapshot (its digest taken at a zxid
/// later than the snapshot's own) nothing is recorded up to and including that zxid, as in Java.
/// </summary>
internal sealed class DigestHistory
{
    public const int Interval = 128;
    public const int Capacity = 1024;

    private readonly Queue<(long Zxid, long Digest)> _entries = new();
    private long _fuzzyUntil;

    /// <summary>The recorded (zxid, digest) pairs, oldest first.</summary>
    public IReadOnlyList<(long Zxid, long Digest)> Entries => [.. _entries];

    /// <summary>A loaded snapshot's digest was taken at <paramref name="zxid"/>, after the snapshot's zxid.</summary>
    public void FuzzyUntil(long zxid) => _fuzzyUntil = zxid;

    /// <summary>Called after each whole txn is applied, with the tree digest after it.</summary>
    public void Applied(Zxid zxid, long digest)
    {
        if (_fuzzyUntil != 0)
        {
            // Java compares the snapshot's digest here instead, and records from the next txn on.
            if (zxid.Value == _fuzzyUntil)
                _fuzzyUntil = 0;
            return;
        }

        if (zxid.Value % Interval != 0)
            return;
        _entries.Enqueue((zxid.Value, digest));
        if (_entries.Count > Capacity)
            _entries.Dequeue();
    }
}
