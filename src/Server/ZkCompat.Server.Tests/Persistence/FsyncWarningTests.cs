using System.Net;
using Microsoft.Extensions.Logging;
using ZkCompat.Server.Metrics;
using ZkCompat.Server.Options;
using ZkCompat.Server.Persistence;
using ZkCompat.Server.Tests.Support;

namespace ZkCompat.Server.Tests.Persistence;

/// <summary>
/// fsync.warningthresholdms as Java's FileTxnLog.commit applies it: an fsync that took longer than the
/// threshold (strictly) is logged at WARN with Java's text and counted; no fsync (forceSync=no), no
/// warning. -1 flags every fsync; 0 only those of a millisecond or more.
/// </summary>
public class FsyncWarningTests
{
    [Fact]
    public void ThresholdMinusOne_WarnsAndCountsEveryFsync_InJavasWords()
    {
        using var dir = new TempDir();
        var logger = new CapturingLogger();
        var monitor = new FsyncMonitor(-1, "SyncThread:0", logger);
        using var log = new TxnLog(DiskStorage.Instance, dir.Path, TxnLogTests.PreAlloc, forceSync: true, monitor);

        for (var zxid = 1; zxid <= 3; zxid++)
        {
            log.Append(TxnLogTests.Create(zxid), null);
            log.Flush();
        }

        Assert.Equal(3, monitor.ExceededCount);
        var warnings = logger.Lines.Where(l => l.Level == LogLevel.Warning).Select(l => l.Text).ToList();
        Assert.Equal(3, warnings.Count);
        // The preallocated file: its 16-byte header and one preAllocSize step, as Java's channel.size() reports it.
        Assert.Matches(
            $"^fsync-ing the write ahead log in SyncThread:0 took \\d+ms which will adversely effect operation latency\\.File size is {TxnLogTests.PreAlloc + 16} bytes\\. See the ZooKeeper troubleshooting guide$",
            warnings[0]);
    }

    [Fact]
    public void FsyncsWithinTheThreshold_AreNeitherLoggedNorCounted_ButTimed()
    {
        using var dir = new TempDir();
        var logger = new CapturingLogger();
        var syncTime = new Summary("fsynctime", false);
        var monitor = new FsyncMonitor(long.MaxValue, "SyncThread:0", logger, syncTime);
        using var log = new TxnLog(DiskStorage.Instance, dir.Path, TxnLogTests.PreAlloc, forceSync: true, monitor);

        log.Append(TxnLogTests.Create(1), null);
        log.Flush();

        Assert.Equal(0, monitor.ExceededCount);
        Assert.Empty(logger.Lines);
        Assert.Equal(1, syncTime.Count);
    }

    [Fact]
    public void NoFsync_WhenForceSyncIsNo_NoWarning()
    {
        using var dir = new TempDir();
        var monitor = new FsyncMonitor(-1, "SyncThread:0", new CapturingLogger());
        using var log = new TxnLog(DiskStorage.Instance, dir.Path, TxnLogTests.PreAlloc, forceSync: false, monitor);

        log.Append(TxnLogTests.Create(1), null);
        log.Flush();

        Assert.Equal(0, monitor.ExceededCount);
    }

    [Fact]
    public void ThresholdZero_FlagsOnlyAnFsyncOfAMillisecondOrMore()
    {
        var monitor = new FsyncMonitor(0, "SyncThread:0", new CapturingLogger());

        monitor.Observe(0, 100);
        monitor.Observe(1, 100);

        Assert.Equal(1, monitor.ExceededCount);
    }

    [Fact]
    public async Task StandaloneServer_CountsForTheAdminStats_AndSrstKeepsTheCount()
    {
        using var dir = new TempDir();
        var options = new ServerOptions
        {
            TickTimeMs = 2000,
            ClientPortAddress = IPAddress.Loopback,
            DataDir = dir.Path,
            DataLogDir = dir.Path,
            Properties = new Dictionary<string, string>
            {
                ["zookeeper.admin.enableServer"] = "false",
                ["zookeeper.fsync.warningthresholdms"] = "-1",
            },
        };
        await using var server = StandaloneServer.Start(options, Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);

        // A new session is a createSession txn, fsynced before the handshake is answered.
        server.Engine.Post(new Processing.ConnectWork(new RecordingChannel(), new Protocol.Records.ConnectRequest(0, default, 10_000, default, new byte[16]), true));
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (server.Ops.Fsync!.ExceededCount == 0 && DateTime.UtcNow < deadline)
            await Task.Delay(10);

        var count = server.Ops.Fsync.ExceededCount;
        Assert.True(count >= 1, "the createSession fsync was not flagged");
        var stats = await new ZkCompat.Server.Ops.AdminCommands(server.Ops).RunAsync("server_stats", new Dictionary<string, string>());
        Assert.Equal(count, stats["server_stats"]!["fsync_threshold_exceed_count"]!.GetValue<long>());
        server.Ops.Stats.Reset();
        Assert.Equal(count, server.Ops.Fsync.ExceededCount);
    }
}
