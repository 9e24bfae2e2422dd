using System.Diagnostics;

namespace ZkCompat.Bench;

/// <summary>
/// A load shape: <see cref="PrepareAsync"/> creates its data and sessions (not measured),
/// <see cref="Start"/> puts the load on, and after the runner's <see cref="BenchContext.Stop"/>
/// <see cref="StopAsync"/> lets what is in flight be answered and closes the sessions.
/// </summary>
internal abstract class Workload(BenchContext context) : ISessionHandler
{
    protected BenchContext Context => context;

    protected BenchOptions Options => context.Options;

    /// <summary>The op kinds that make this workload's headline ops/s and percentiles.</summary>
    public abstract IReadOnlyList<OpKind> PrimaryOps { get; }

    public static Workload Create(BenchContext context) => context.Options.Workload switch
    {
        "read" or "write" or "mixed" => new KeyValueWorkload(context),
        "create" => new CreateDeleteWorkload(context),
        "watch" => new WatchFanOutWorkload(context),
        "ephemeral" => new EphemeralChurnWorkload(context),
        var other => throw new ArgumentException($"unknown workload '{other}'"),
    };

    public abstract Task PrepareAsync();

    public abstract void Start();

    /// <summary>Waits (bounded) until every session has its answers, then closes the sessions.</summary>
    public virtual async Task StopAsync(TimeSpan drain)
    {
        var deadline = Stopwatch.GetTimestamp() + BenchContext.Ticks(drain.TotalSeconds);
        while (Context.Sessions.Any(s => s.Outstanding > 0 && !s.Closed.IsCompleted) && Stopwatch.GetTimestamp() < deadline)
            await Task.Delay(10).ConfigureAwait(false);
        await Task.WhenAll(Context.Sessions.Select(Context.CloseAsync)).ConfigureAwait(false);
    }

    public virtual void OnReply(WireSession session, in Completion completion, ReadOnlySpan<byte> body)
    {
    }

    public virtual void OnNotification(WireSession session, int eventType, ReadOnlySpan<byte> path, long timestamp)
    {
    }

    /// <summary>A setup session whose errors do not count against the run.</summary>
    protected Task<WireSession> ConnectSetupAsync() => Context.ConnectAsync(-1, null, new SessionStats(Context.Window));

    /// <summary>Connects the load sessions, all answering to this workload.</summary>
    protected async Task<WireSession[]> ConnectAllAsync(int count)
    {
        var sessions = new WireSession[count];
        for (var i = 0; i < count; i++)
            sessions[i] = await Context.ConnectAsync(i, this).ConfigureAwait(false);
        return sessions;
    }

    /// <summary>The value every workload writes: <see cref="BenchOptions.Size"/> bytes.</summary>
    protected byte[] Value() => Enumerable.Range(0, Options.Size).Select(i => (byte)('a' + (i % 26))).ToArray();
}
