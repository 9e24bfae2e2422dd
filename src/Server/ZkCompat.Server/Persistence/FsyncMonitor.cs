using Microsoft.Extensions.Logging;
using ZkCompat.Server.Metrics;

namespace ZkCompat.Server.Persistence;

/// <summary>
/// Watches txn log fsyncs as Java's FileTxnLog.commit does: each one's milliseconds go to
/// fsynctime, and one that took longer than fsync.warningthresholdms (strictly; so 0 flags every
/// fsync of a millisecond or more, and -1 every fsync) is logged with Java's text and counted in
/// fsync_threshold_exceed_count (the admin srvr/stats commands). Srst does not reset the count, as in Java.
/// </summary>
/// <param name="threadName">Java names its sync thread here: SyncThread:&lt;server id&gt;, 0 standalone.</param>
internal sealed class FsyncMonitor(long thresholdMs, string threadName, ILogger logger, Summary? syncTime = null)
{
    private long _exceeded;

    public long ThresholdMs => thresholdMs;

    /// <summary>How many fsyncs took longer than the threshold since the start.</summary>
    public long ExceededCount => Interlocked.Read(ref _exceeded);

    /// <summary>One fsync took <paramref name="elapsedMs"/> (whole milliseconds, truncated as Java's); the file is <paramref name="fileBytes"/> long.</summary>
    public void Observe(long elapsedMs, long fileBytes)
    {
        syncTime?.Add(elapsedMs);
        if (elapsedMs <= thresholdMs)
            return;
        Interlocked.Increment(ref _exceeded);
        PersistenceLog.SlowFsync(logger, threadName, elapsedMs, fileBytes);
    }
}
