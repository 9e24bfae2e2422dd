using System.Diagnostics;
using Microsoft.Extensions.Logging;
using ZkCompat.Server.Metrics;
using ZkCompat.Server.Options;
using ZkCompat.Server.Processing;

namespace ZkCompat.Server.Persistence;

/// <summary>
/// Standalone durability: txns go to the txn log with one fsync per batch (group commit); every
/// snapCount/2 + rand(snapCount/2) txns the log rolls and a snapshot is written off the loop.
/// </summary>
internal sealed class StandaloneStore : IReplicator, IAsyncDisposable
{
    private readonly IStorage _storage;
    private readonly DataDirectory _directory;
    private readonly TxnLog _log;
    private readonly int _snapCount;
    private readonly ILogger _logger;
    private readonly Summary? _snapshotTime;
    private int _randRoll;
    private int _replayedSinceSnapshot;
    private Task _snapshotting = Task.CompletedTask;

    /// <param name="options">preAllocSize, forceSync, snapCount and fsync.warningthresholdms.</param>
    /// <param name="metrics">Where fsync and snapshot times go (fsynctime, snapshottime); none when null.</param>
    public StandaloneStore(IStorage storage, DataDirectory directory, ServerOptions options, ILogger logger, MetricRegistry? metrics = null)
    {
        _storage = storage;
        _directory = directory;
        _snapshotTime = metrics?.Summary("snapshottime");
        // Java's standalone server has id 0 (its sessions use 1, §2.4), and names its sync thread after it.
        Fsync = new FsyncMonitor(options.FsyncWarningThresholdMs, "SyncThread:0", logger, metrics?.Summary("fsynctime"));
        _log = new TxnLog(storage, directory.LogDir, options.PreAllocBytes, options.ForceSync, Fsync);
        _snapCount = options.SnapCount;
        _logger = logger;
        _randRoll = Random.Shared.Next(_snapCount / 2);
    }

    /// <summary>The txn log's fsync watch (fsync_threshold_exceed_count).</summary>
    public FsyncMonitor Fsync { get; }

    public void Append(Txn txn, long? treeDigest) => _log.Append(txn, treeDigest);

    public bool Flush()
    {
        _log.Flush();
        return SnapshotDue(_replayedSinceSnapshot + _log.TxnsSinceRoll);
    }

    /// <summary>Whether this many txns since the newest snapshot call for a new one (snapCount/2 + rand(snapCount/2)).</summary>
    public bool SnapshotDue(int txnsSinceSnapshot) => txnsSinceSnapshot > (_snapCount / 2) + _randRoll;

    public void Snapshot(SnapshotImage image)
    {
        _log.Roll();
        _replayedSinceSnapshot = 0;
        _randRoll = Random.Shared.Next(_snapCount / 2);
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
    /// since it. <paramref name="then"/> runs after, on another thread.
    /// </summary>
    public void Start(SnapshotImage? image, int replayed, Action then)
    {
        _log.Roll();
        _replayedSinceSnapshot = image is null ? replayed : 0;
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
