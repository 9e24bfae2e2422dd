using System.Diagnostics;

namespace ZkCompat.Bench;

/// <summary>What a workload shares with the runner: options, the window, the stop flag and every session's stats.</summary>
internal sealed class BenchContext(BenchOptions options)
{
    private readonly List<SessionStats> _stats = [];
    private readonly List<WireSession> _sessions = [];
    private volatile bool _stopping;

    public BenchOptions Options => options;

    public MeasureWindow Window { get; } = new();

    /// <summary>Once set, workloads issue no new load; what is in flight is answered (the drain).</summary>
    public bool Stopping => _stopping;

    public void Stop() => _stopping = true;

    /// <summary>Every live session, for keep-alive pings and the drain.</summary>
    public IReadOnlyList<WireSession> Sessions
    {
        get
        {
            lock (_sessions)
                return [.. _sessions];
        }
    }

    public SessionStats NewStats()
    {
        var stats = new SessionStats(Window);
        lock (_stats)
            _stats.Add(stats);
        return stats;
    }

    /// <summary>Connects a session whose replies go to <paramref name="handler"/> and starts its receive loop.</summary>
    public async Task<WireSession> ConnectAsync(int index, ISessionHandler? handler, SessionStats? stats = null, CancellationToken cancellation = default)
    {
        var session = await WireSession.ConnectAsync(options.Servers[Math.Max(0, index) % options.Servers.Count], index, stats ?? NewStats(), options.SessionTimeoutMs, cancellation).ConfigureAwait(false);
        session.Handler = handler;
        lock (_sessions)
            _sessions.Add(session);
        _ = Task.Run(session.RunAsync, CancellationToken.None);
        return session;
    }

    /// <summary>Ends a session with closeSession and forgets it.</summary>
    public async Task CloseAsync(WireSession session)
    {
        await session.CloseAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        lock (_sessions)
            _sessions.Remove(session);
    }

    public SessionStats Merged()
    {
        var total = new SessionStats(Window);
        lock (_stats)
        {
            foreach (var stats in _stats)
                total.Add(stats);
        }

        return total;
    }

    public static long Ticks(double seconds) => (long)(seconds * Stopwatch.Frequency);
}
