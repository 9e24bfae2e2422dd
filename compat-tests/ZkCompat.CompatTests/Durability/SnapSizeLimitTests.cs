using Xunit.Abstractions;
using ZkCompat.CompatTests.Servers;

namespace ZkCompat.CompatTests.Durability;

/// <summary>
/// snapSizeLimitInKb side by side: with a 64 KiB limit (and 16 KiB preallocation, so the log grows
/// in small steps) both servers roll the txn log and snapshot once the log file, padding included,
/// is larger than 32 KiB + rand(32 KiB), long before snapCount (100,000) would. Every finished log
/// is therefore longer than half the limit and at most about the limit.
/// </summary>
public sealed class SnapSizeLimitTests(ITestOutputHelper output)
{
    private const long LimitBytes = 64 * 1024;
    private const long PreAllocBytes = 16 * 1024;
    private const int Writes = 150;
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData("java")]
    [InlineData("zkcompat")]
    public async Task LogPastItsShareOfTheLimit_IsRolledAndSnapshotted(string server)
    {
        var options = new ServerStartOptions { ExtraConfigLines = ["snapSizeLimitInKb=64", "preAllocSize=16"] };
        await using var zk = await ServerUnderTest.StartAsync(server, options);
        var versionDir = Path.Combine(zk.DataDir, "version-2");

        await using (var fill = ScriptProcess.StartClient("ensemble/ensemble_client.py", ["fill", zk.ConnectString, "/big", $"{Writes}", "--data-bytes", "1000"]))
        {
            var line = await fill.WaitForLineAsync(l => l.StartsWith("FILLED", StringComparison.Ordinal) || l.StartsWith("FAIL", StringComparison.Ordinal), Bound);
            Assert.True(line?.StartsWith("FILLED", StringComparison.Ordinal), $"{fill.Describe()}\n{zk.Describe(8000)}");
        }

        // 150 KB of txns: at least three logs, and a snapshot besides the one of the start (written in the background).
        var (logs, snapshots) = await FilesAsync(versionDir, l => l.Count >= 3, s => s.Count >= 2);
        output.WriteLine($"{server}: logs {string.Join(", ", logs.Select(l => $"{Path.GetFileName(l)} ({new FileInfo(l).Length} B)"))}; snapshots {string.Join(", ", snapshots.Select(Path.GetFileName))}");

        Assert.True(logs.Count >= 3 && snapshots.Count >= 2, $"{logs.Count} logs and {snapshots.Count} snapshots after {Writes} writes of 1000 bytes\n{zk.Describe(8000)}");
        // Finished logs only (the newest is still written): rolled once longer than the threshold, which is below the limit.
        Assert.All(logs.SkipLast(1), l => Assert.InRange(new FileInfo(l).Length, (LimitBytes / 2) + 1, LimitBytes + (2 * PreAllocBytes)));
    }

    private static async Task<(List<string> Logs, List<string> Snapshots)> FilesAsync(string dir, Func<List<string>, bool> logsDone, Func<List<string>, bool> snapshotsDone)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var logs = Sorted(dir, "log.");
            var snapshots = Sorted(dir, "snapshot.");
            if ((logsDone(logs) && snapshotsDone(snapshots)) || clock.Elapsed > Bound)
            {
                return (logs, snapshots);
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Files with the prefix in zxid order (the hex suffix), as the servers name them.</summary>
    private static List<string> Sorted(string dir, string prefix) =>
        [.. Directory.GetFiles(dir, prefix + "*")
            .Where(f => long.TryParse(Path.GetFileName(f)[prefix.Length..], System.Globalization.NumberStyles.HexNumber, null, out _))
            .OrderBy(f => long.Parse(Path.GetFileName(f)[prefix.Length..], System.Globalization.NumberStyles.HexNumber, null))];
}
