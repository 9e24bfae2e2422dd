using Microsoft.Extensions.Logging;

namespace ZkCompat.Server.Persistence;

/// <summary>The persistence log lines.</summary>
internal static partial class PersistenceLog
{
    [LoggerMessage(200, LogLevel.Information, "Loaded snapshot {Path}")]
    public static partial void SnapshotLoaded(ILogger logger, string path);

    [LoggerMessage(201, LogLevel.Warning, "Skipping snapshot {Path}: {Reason}")]
    public static partial void SnapshotSkipped(ILogger logger, string path, string reason);

    [LoggerMessage(202, LogLevel.Warning, "Truncating the torn tail of {Path} at offset {Offset}: {Reason}")]
    public static partial void TornTail(ILogger logger, string path, long offset, string reason);

    [LoggerMessage(203, LogLevel.Information, "Replayed {Count} txns from the logs; last zxid {Zxid}")]
    public static partial void Replayed(ILogger logger, int count, string zxid);

    [LoggerMessage(204, LogLevel.Information, "Wrote snapshot at zxid {Zxid} in {ElapsedMs} ms")]
    public static partial void SnapshotWritten(ILogger logger, string zxid, long elapsedMs);

    [LoggerMessage(205, LogLevel.Warning, "Snapshot at zxid {Zxid} failed: {Reason}")]
    public static partial void SnapshotFailed(ILogger logger, string zxid, string reason);

    [LoggerMessage(206, LogLevel.Warning, "A snapshot is still being written; skipping the one at zxid {Zxid}")]
    public static partial void SnapshotSkippedBusy(ILogger logger, string zxid);

    // Java's text, typo and missing space included, so log scrapers written for Java match.
    [LoggerMessage(207, LogLevel.Warning, "fsync-ing the write ahead log in {Thread} took {ElapsedMs}ms which will adversely effect operation latency.File size is {FileBytes} bytes. See the ZooKeeper troubleshooting guide")]
    public static partial void SlowFsync(ILogger logger, string thread, long elapsedMs, long fileBytes);

    [LoggerMessage(208, LogLevel.Information, "Txnlog size: {Bytes} exceeds sizeLimit: {LimitBytes}")]
    public static partial void TxnLogTooLarge(ILogger logger, long bytes, long limitBytes);

    [LoggerMessage(209, LogLevel.Warning, "Unable to find proposals from txnlog for zxid: {Zxid}")]
    public static partial void TxnLogMissesZxid(ILogger logger, string zxid);

    [LoggerMessage(210, LogLevel.Error, "Unable to read txnlog from disk: {Reason}")]
    public static partial void TxnLogUnreadable(ILogger logger, string reason);
}
