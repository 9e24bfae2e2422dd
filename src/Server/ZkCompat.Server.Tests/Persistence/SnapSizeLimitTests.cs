using Microsoft.Extensions.Logging.Abstractions;
using ZkCompat.Protocol.Codes;
using ZkCompat.Server.Options;
using ZkCompat.Server.Persistence;
using ZkCompat.Server.Tests.Support;

namespace ZkCompat.Server.Tests.Persistence;

/// <summary>
/// snapSizeLimitInKb on the standalone store: the log rolls and a snapshot follows once the log
/// file, preallocation included, is larger than limit/2 + rand(limit/2), whatever the txn count.
/// </summary>
public class SnapSizeLimitTests
{
    private const long LimitBytes = 64 * 1024;
    private const long PreAllocBytes = 16 * 1024;
    private const int Writes = 120;

    [Fact]
    public async Task LogLargerThanItsShareOfTheLimit_RollsAndIsSnapshotted()
    {
        using var dir = new TempDir();

        await WriteAsync(dir, LimitBytes);

        var logs = Files(dir, "log.");
        Assert.True(logs.Count >= 3, $"{Writes} writes of 1000 bytes roll a 64 KiB-limited log more than once: {logs.Count} logs");
        // A log rolls as soon as its length passes a threshold in [limit/2, limit): one preallocation step can overshoot it.
        Assert.All(logs.SkipLast(1), l => Assert.InRange(new FileInfo(l).Length, (LimitBytes / 2) + 1, LimitBytes + PreAllocBytes));
        // One snapshot per roll, unless the previous one was still being written (then it is skipped, as in Java).
        Assert.InRange(Files(dir, "snapshot.").Count, 1, logs.Count - 1);
    }

    [Fact]
    public async Task NoLimit_KeepsOneLogAndTakesNoSnapshot()
    {
        using var dir = new TempDir();

        await WriteAsync(dir, -1024);

        Assert.Single(Files(dir, "log."));
        Assert.Empty(Files(dir, "snapshot."));
    }

    private static async Task WriteAsync(TempDir dir, long limitBytes)
    {
        Directory.CreateDirectory(dir.VersionDir);
        var directory = new DataDirectory(DiskStorage.Instance, dir.VersionDir, dir.VersionDir, NullLogger.Instance);
        var options = new ServerOptions
        {
            Properties = new Dictionary<string, string>
            {
                ["zookeeper.preAllocSize"] = (PreAllocBytes / 1024).ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["zookeeper.forceSync"] = "no",
            },
        };
        var store = new StandaloneStore(DiskStorage.Instance, directory, options, new SnapshotSchedule(100_000, limitBytes, new Random(5)), NullLogger.Instance);
        await using (var fixture = new EngineFixture(replicator: store))
        {
            var client = await fixture.ConnectAsync();
            for (var i = 0; i < Writes; i++)
                Assert.Equal(ErrorCode.Ok, (await client.CreateAsync($"/n{i}", new byte[1000])).Err);
        }

        // Every snapshot started has been written once the store is gone.
        await store.DisposeAsync();
    }

    private static List<string> Files(TempDir dir, string prefix) =>
        [.. DataFiles.Sorted(DiskStorage.Instance, dir.VersionDir, prefix).Select(f => f.Path)];
}
