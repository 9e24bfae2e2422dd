using System.Diagnostics;
using Microsoft.Extensions.Logging;
using ZkCompat.Server.Metrics;
using ZkCompat.Server.Options;
using ZkCompat.Server.Processing;

namespace ZkCompat.Server.Persistence;

/// <summary>
/// Standalone durability: txns go to the txn log with one fsync per batch (group commit); when the
/// <see cref="SnapshotSchedule"/> says so (txn count or log size) the log rolls and a snapshot is
/// written off the loop.
/// </summary>
internal sealed class StandaloneStore : IReplicator, IAsyncDisposable
{
    private readonly DataDirectory _directory;
    private readonly TxnLog _log;
    private readonly SnapshotSchedule _schedule;
    private readonly ILogger _logger;
    private readonly Summary? _snapshotTime;
    private int _replayedSinceSnapshot;
    private long _replayedBytesSinceSnapshot;
    private bool _snapshotDue;
    private Task _snapshotting = Task.CompletedTask;

    /// <param name="options">preAllocSize, forceSync and fsync.warningthresholdms.</param>
    /// <param name="metrics">Where fsync and snapshot times go (fsynctime, snapshottime); none when null.</param>
    public StandaloneStore(IStorage storage, DataDirectory directory, ServerOptions options, SnapshotSchedule schedule, ILogger logger, MetricRegistry? metrics = null)
    {
        _directory = directory;
        _snapshotTime = metrics?.Summary("snapshottime");
        // Java's standalone server has id 0 (its sessions use 1, §2.4), and names its sync thread after it.
        Fsync = new FsyncMonitor(options.FsyncWarningThresholdMs, "SyncThread:0", logger, metrics?.Summary("fsynctime"));
        _log = new TxnLog(storage, directory.LogDir, options.PreAllocBytes, options.ForceSync, Fsync);
        _schedule = schedule;
        _logger = logger;
    }

    /// <summary>The txn log's fsync watch (fsync_threshold_exceed_count).</summary>
    public FsyncMonitor Fsync { get; }

    /// <summary>
    /// Logs the txn. As Java's SyncRequestProcessor, the schedule is asked after each txn: when it
    /// is due the log rolls here, so the batch's later txns start the next file, and the snapshot
    /// follows at the end of the batch (a snapshot at a later zxid than the roll, as Java's are).
    /// </summary>
    public void Append(Txn txn, long? treeDigest)
    {
        _log.Append(txn, treeDigest);
        if (!SnapshotDue(_replayedSinceSnapshot + _log.TxnsSinceRoll, _replayedBytesSinceSnapshot + _log.FileBytes))
            return;
        _log.Roll();
        _replayedSinceSnapshot = 0;
        _replayedBytesSinceSnapshot = 0;
        _schedule.Reset();
        _snapshotDue = true;
    }

    /// <summary>Makes the batch durable; true when the log rolled in it and a snapshot is due.</summary>
    public bool Flush()
    {
        _log.Flush();
        var due = _snapshotDue;
        _snapshotDue = false;
        return due;
    }

    /// <summary>Whether this many txns and log bytes since the newest snapshot call for a new one.</summary>
    public bool SnapshotDue(int txnsSinceSnapshot, long logBytesSinceSnapshot) => _schedule.Due(txnsSinceSnapshot, logBytesSinceSnapshot);

    /// <summary>Writes the image off the loop; the log rolled already (<see cref="Append"/>).</summary>
    public void Snapshot(SnapshotImage image)
    {
        if (!_snapshotting.IsCompleted)
        {
            PersistenceLog.SnapshotSkippedBusy(_logger, image.Zxid.ToString());
            return;
        }

        _snapshotting = Task.Run(() => Write(image));
    }

    /// <summary>
    /// Starts the store on the recovered state. Later txns go to a new log. With an image (the
    /// startup snapshot) it is written while the server already serves: what it holds is durable
    /// in the snapshot and logs it was recovered from. Without one, the <paramref name="replayed"/>
    /// txns recovery applied after the newest snapshot count toward the next snapshot, as if written
    /// since it, and so do the log files they came from (<paramref name="replayedLogBytes"/>).
    /// <paramref name="then"/> runs after, on another thread.
    /// </summary>
    public void Start(SnapshotImage? image, int replayed, long replayedLogBytes, Action then)
    {
        _log.Roll();
        _replayedSinceSnapshot = image is null ? replayed : 0;
        _replayedBytesSinceSnapshot = image is null ? replayedLogBytes : 0;
        _snapshotting = Task.Run(() =>
        {
            try
            {
                if (image is not null)
                    Write(image);
                // Dead before then() runs: the image is as big as the tree's stat fields.
                image = null;
            }
            finally
            {
                then();
            }
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _snapshotting.ConfigureAwait(false);
        _log.Dispose();
    }

    private void Write(SnapshotImage image)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            _directory.WriteSnapshot(image);
            _snapshotTime?.Add(clock.ElapsedMilliseconds);
            PersistenceLog.SnapshotWritten(_logger, image.Zxid.ToString(), clock.ElapsedMilliseconds);
        }
        catch (IOException e)
        {
            // The txn log still holds everything; the next snapshot will try again.
            PersistenceLog.SnapshotFailed(_logger, image.Zxid.ToString(), e.Message);
        }
    }
}
