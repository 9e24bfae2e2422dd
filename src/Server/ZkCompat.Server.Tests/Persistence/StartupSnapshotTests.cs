using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using ZkCompat.Server.Options;
using ZkCompat.Server.Persistence;
using ZkCompat.Server.Tests.Support;

namespace ZkCompat.Server.Tests.Persistence;

/// <summary>
/// The snapshot a start writes: always on a dataDir without one (else the next start would refuse
/// its logs), and after a replay as long as a snapshot interval; a short replay only counts toward
/// the next snapshot, and the next start replays those txns again.
/// </summary>
public class StartupSnapshotTests
{
    [Fact]
    public async Task EmptyDataDir_GetsSnapshotZero()
    {
        using var dir = new TempDir();

        await Start(dir, snapCount: 100_000).DisposeAsync();

        Assert.Equal(["snapshot.0"], Snapshots(dir));
    }

    [Fact]
    public async Task ShortReplay_WritesNoSnapshot_AndTheNextStartReplaysItAgain()
    {
        using var dir = new TempDir();
        RecoveryTests.WriteEmptySnapshot(dir);
        TxnLogTests.WriteLog(dir.VersionDir, DiskStorage.Instance, 1, 3);

        for (var start = 0; start < 2; start++)
        {
            await using var server = Start(dir, snapCount: 100_000);
            Assert.NotNull(server.Engine.Tree.Get("/n3"));
        }

        Assert.Equal(["snapshot.0"], Snapshots(dir));
    }

    [Fact]
    public async Task ReplayAsLongAsASnapshotInterval_WritesTheStartupSnapshot()
    {
        using var dir = new TempDir();
        RecoveryTests.WriteEmptySnapshot(dir);
        TxnLogTests.WriteLog(dir.VersionDir, DiskStorage.Instance, 1, 10);

        // snapCount 10: a snapshot is due after more than 5 + rand(5) txns.
        await Start(dir, snapCount: 10).DisposeAsync();

        Assert.Equal(["snapshot.0", "snapshot.a"], Snapshots(dir));
    }

    private static StandaloneServer Start(TempDir dir, int snapCount) => StandaloneServer.Start(new ServerOptions
    {
        TickTimeMs = 2000,
        ClientPort = 0,
        ClientPortAddress = IPAddress.Loopback,
        DataDir = dir.Path,
        DataLogDir = dir.Path,
        Properties = new Dictionary<string, string>
        {
            ["zookeeper.forceSync"] = "no",
            ["zookeeper.admin.enableServer"] = "false",
            ["zookeeper.snapCount"] = $"{snapCount}",
        },
    }, NullLoggerFactory.Instance);

    /// <summary>The snapshot files once every write the server started has finished (it was disposed).</summary>
    private static string[] Snapshots(TempDir dir) =>
        [.. System.IO.Directory.GetFiles(dir.VersionDir, "snapshot.*").Select(Path.GetFileName).Order(StringComparer.Ordinal)!];
}
