using System.Diagnostics;

namespace ZkCompat.Bench;

/// <summary>Prepare, warm up, measure the window, stop, drain: one run of one workload.</summary>
internal static class BenchRunner
{
    private static readonly TimeSpan s_drain = TimeSpan.FromSeconds(15);

    public static async Task<Report> RunAsync(BenchOptions options)
    {
        var context = new BenchContext(options);
        var workload = Workload.Create(context);
        await workload.PrepareAsync().ConfigureAwait(false);
        using var keepAlive = new Timer(_ =>
        {
            foreach (var session in context.Sessions)
                session.PingIfIdle(BenchContext.Ticks(3));
        }, null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));

        var start = Stopwatch.GetTimestamp() + BenchContext.Ticks(options.WarmupSeconds);
        var end = start + BenchContext.Ticks(options.DurationSeconds);
        context.Window.Open(start, end);
        workload.Start();
        await DelayUntilAsync(start).ConfigureAwait(false);
        var server0 = ProcessCpu.Seconds(options.ServerPid);
        var client0 = Process.GetCurrentProcess().TotalProcessorTime;
        await DelayUntilAsync(end).ConfigureAwait(false);
        var server1 = ProcessCpu.Seconds(options.ServerPid);
        var client1 = Process.GetCurrentProcess().TotalProcessorTime;
        context.Stop();
        await workload.StopAsync(s_drain).ConfigureAwait(false);
        return new Report(options, workload.PrimaryOps, context.Merged(), context.Window.Seconds, server1 - server0, (client1 - client0).TotalSeconds);
    }

    private static async Task DelayUntilAsync(long timestamp)
    {
        var left = timestamp - Stopwatch.GetTimestamp();
        if (left > 0)
            await Task.Delay(TimeSpan.FromSeconds(left / (double)Stopwatch.Frequency)).ConfigureAwait(false);
    }
}
