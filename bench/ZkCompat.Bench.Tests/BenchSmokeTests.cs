using System.Text.Json;
using ZkCompat.Testing;

namespace ZkCompat.Bench.Tests;

/// <summary>
/// A short smoke of the load generator against the in-process server: every workload runs for
/// half a second and must produce ops, no errors and ordered percentiles. No timing is asserted.
/// </summary>
public class BenchSmokeTests
{
    /// <summary>
    /// Load generator, server and test runner share one process here; on 2 cores the thread pool
    /// starts with 2 threads and the create workload's first replies waited about a second for a
    /// third (max latency 930 ms, no op inside a 0.5 s window; 15 ms with more threads). The
    /// command-line tool against a server process has no such stall.
    /// </summary>
    static BenchSmokeTests()
    {
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, 16), Math.Max(io, 16));
    }

    [Theory]
    [InlineData("read")]
    [InlineData("write")]
    [InlineData("mixed")]
    [InlineData("create")]
    [InlineData("watch")]
    [InlineData("ephemeral")]
    public async Task Workload_AgainstInProcessServer_ReportsOpsWithoutErrors(string workload)
    {
        await using var server = await ZkTestServer.StartAsync(new ZkTestServerOptions { AdminServer = false });
        var options = Options(server, workload);

        var report = await BenchRunner.RunAsync(options);

        using var json = JsonDocument.Parse(report.ToJson());
        var root = json.RootElement;
        Assert.Equal(workload, root.GetProperty("workload").GetString());
        Assert.True(root.GetProperty("ops").GetInt64() > 0, "no op completed inside the window");
        Assert.Equal(0, root.GetProperty("errors_total").GetInt64());
        var p50 = root.GetProperty("p50_us").GetDouble();
        var p99 = root.GetProperty("p99_us").GetDouble();
        var max = root.GetProperty("max_us").GetDouble();
        Assert.True(p50 > 0 && p50 <= p99 && p99 <= max, $"percentiles out of order: {p50} {p99} {max}");
        Assert.True(root.GetProperty("server_cpu_s").GetDouble() >= 0);
        Assert.Equal(report.Ops, root.GetProperty("by_op").EnumerateObject()
            .Where(p => report.PrimaryOps.Any(op => op.ToString().Equals(p.Name, StringComparison.OrdinalIgnoreCase)))
            .Sum(p => p.Value.GetProperty("ops").GetInt64()));
    }

    [Fact]
    public async Task Read_OpenLoopAtARate_IssuesAboutThatMany()
    {
        await using var server = await ZkTestServer.StartAsync(new ZkTestServerOptions { AdminServer = false });
        var options = Options(server, "read") with { RatePerSecond = 2000, DurationSeconds = 1 };

        var report = await BenchRunner.RunAsync(options);

        Assert.Equal(0, report.Stats.ErrorsTotal);
        // Paced, not closed loop: never more than were issued (2000/s over warm-up and window), and not nothing.
        Assert.InRange(report.OpsPerSecond, 1, 4000);
    }

    [Fact]
    public async Task Populate_CreatesEveryZnode_AndTheLastOneReads()
    {
        await using var server = await ZkTestServer.StartAsync(new ZkTestServerOptions { AdminServer = false });
        var options = Options(server, "populate") with { Keys = 1500, Outstanding = 50 };

        var (json, failed) = await Populate.RunAsync(options);

        Assert.Equal(0, failed);
        var last = JsonDocument.Parse(json).RootElement.GetProperty("last_path").GetString()!;
        Assert.Equal("/zkcompat-bench/pop/b0001/n0001499", last);
        var context = new BenchContext(options);
        var session = await context.ConnectAsync(0, null);
        var read = await BulkRequests.RunAsync(session, OpKind.Read, [Frames.GetData(last, watch: false)], 1);
        Assert.Equal(0, read.Failed);
        var missing = await BulkRequests.RunAsync(session, OpKind.Read, [Frames.GetData(Populate.Leaf(options.Root, 1500), watch: false)], 1);
        Assert.Equal(1, missing.Failed);
        await context.CloseAsync(session);
    }

    [Fact]
    public void Parse_RejectsUnknownOptionsAndMissingServer()
    {
        Assert.Throws<ArgumentException>(() => BenchOptions.Parse(["--workload", "read"]));
        Assert.Throws<ArgumentException>(() => BenchOptions.Parse(["--connect", "127.0.0.1:1", "--bogus", "1"]));
        Assert.Throws<ArgumentException>(() => BenchOptions.Parse(["--connect", "127.0.0.1:1", "--workload", "watch", "--sessions", "1"]));
        var parsed = BenchOptions.Parse(["--connect", "localhost:2181", "--sessions", "3", "--read-pct", "80"]);
        Assert.Equal(3, parsed.Sessions);
        Assert.Equal(80, parsed.ReadPercent);
        Assert.Equal(2181, parsed.Server.Port);
        Assert.Equal([2181, 2182], BenchOptions.Parse(["--connect", "127.0.0.1:2181,127.0.0.1:2182"]).Servers.Select(s => s.Port));
    }

    private static BenchOptions Options(ZkTestServer server, string workload) => new()
    {
        Servers = [BenchOptions.ParseEndPoint(server.ConnectString)],
        Workload = workload,
        Sessions = 3,
        Outstanding = 4,
        Keys = 50,
        Ephemerals = 3,
        WarmupSeconds = 0.2,
        DurationSeconds = 0.5,
        ServerPid = Environment.ProcessId,
    };
}
