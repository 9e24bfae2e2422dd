namespace ZkCompat.Server.Persistence;

/// <summary>
/// When to roll the txn log and snapshot, as Java's SyncRequestProcessor.shouldSnapshot decides:
/// after more than snapCount/2 + rand(snapCount/2) txns, or, when snapSizeLimitInKb is positive,
/// once the log since the last snapshot is larger than limit/2 + rand(limit/2) bytes. The log's
/// size is its files' length, preallocation included, as Java measures it. The random shares are
/// drawn again after every snapshot, so that ensemble members do not all snapshot at once.
/// </summary>
internal sealed class SnapshotSchedule
{
    private readonly Random _random;
    private int _randRoll;
    private long _randBytes;

    /// <param name="snapCount">zookeeper.snapCount, at least 2.</param>
    /// <param name="sizeLimitBytes">zookeeper.snapSizeLimitInKb × 1024; 0 or less leaves size out.</param>
    /// <param name="random">Tests pass a seeded one.</param>
    public SnapshotSchedule(int snapCount, long sizeLimitBytes, Random? random = null)
    {
        SnapCount = Math.Max(2, snapCount);
        SizeLimitBytes = sizeLimitBytes;
        _random = random ?? Random.Shared;
        Reset();
    }

    public int SnapCount { get; }

    public long SizeLimitBytes { get; }

    /// <summary>The txn count a snapshot waits for until the next <see cref="Reset"/>: more than this.</summary>
    public int TxnThreshold => (SnapCount / 2) + _randRoll;

    /// <summary>The log size a snapshot waits for until the next <see cref="Reset"/>: more than this; null when size is left out.</summary>
    public long? BytesThreshold => SizeLimitBytes > 0 ? (SizeLimitBytes / 2) + _randBytes : null;

    public bool Due(int txnsSinceSnapshot, long logBytesSinceSnapshot) =>
        txnsSinceSnapshot > TxnThreshold || logBytesSinceSnapshot > BytesThreshold;

    /// <summary>Draws the random shares again (after a snapshot, as Java does).</summary>
    public void Reset()
    {
        _randRoll = _random.Next(SnapCount / 2);
        _randBytes = SizeLimitBytes > 0 ? _random.NextInt64(Math.Max(1, SizeLimitBytes / 2)) : 0;
    }
}
