using System.Reflection;
using ZkCompat.Server.Options;
using ZkCompat.Server.Persistence;
using ZkCompat.Server.Processing;

namespace ZkCompat.Server.Ops;

/// <summary>
/// What the four-letter words, the AdminServer and the metrics share: the options, the counters
/// and a way to read the engine's state on its loop.
/// </summary>
internal sealed class ServerOps
{
    /// <summary>A loop that does not answer within this time is not serving (stopped or failed).</summary>
    private static readonly TimeSpan s_inspectTimeout = TimeSpan.FromSeconds(5);

    /// <summary>ZooTrace's default: client requests, watch events and session changes (2 | 16 | 32 | 256).</summary>
    private long _traceMask = 306;

    public ServerOps(ServerOptions options, Engine engine, TimeProvider time)
    {
        Options = options;
        Engine = engine;
        Time = time;
        Stats = new ServerStats(time, engine.Metrics);
        FourLetterWords = new FourLetterCommands(this);
        Stats.FourLetterWords = FourLetterWords;
    }

    /// <summary>Java's version text with our build: "3.8.0-zkcompat-&lt;version&gt;, built on &lt;date&gt; UTC".</summary>
    public static string Version { get; } = ReadVersion();

    public const string NotServing = "This ZooKeeper instance is not currently serving requests";

    public ServerOptions Options { get; }

    public Engine Engine { get; }

    public TimeProvider Time { get; }

    public ServerStats Stats { get; }

    public FourLetterCommands FourLetterWords { get; }

    /// <summary>The server's role and ensemble numbers; a quorum peer sets its own.</summary>
    public IQuorumStatus Quorum { get; init; } = StandaloneStatus.Instance;

    /// <summary>The txn log's fsync watch: the admin stats commands' fsync_threshold_exceed_count.</summary>
    public FsyncMonitor? Fsync { get; init; }

    /// <summary>"standalone", "leader", "follower" or "observer": srvr's Mode and mntr's zk_server_state.</summary>
    public string Mode => Quorum.Role;

    /// <summary>Java's ZooTrace text trace mask: gtmk and get_trace_mask read it, stmk and set_trace_mask set it.</summary>
    public long TraceMask
    {
        get => Interlocked.Read(ref _traceMask);
        set => Interlocked.Exchange(ref _traceMask, value);
    }

    /// <summary>False once storage failed, and while an ensemble member has no leader (Java answers "not currently serving").</summary>
    public bool Serving => !Engine.Failure.IsCompleted && Engine.Serving;

    /// <summary>The engine's state as of now, or null when the loop does not answer (not serving).</summary>
    public async Task<EngineView?> InspectAsync()
    {
        if (!Serving)
            return null;
        var result = new TaskCompletionSource<EngineView>(TaskCreationOptions.RunContinuationsAsynchronously);
        Engine.Post(new InspectWork(engine => result.TrySetResult(EngineView.Capture(engine, MonotonicMs()))));
        try
        {
            return await result.Task.WaitAsync(s_inspectTimeout, Time).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return null;
        }
    }

    public long MonotonicMs() => Time.GetTimestamp() * 1000 / Time.TimestampFrequency;

    /// <summary>Wall time of a monotonic instant (session expiry is kept on the monotonic clock).</summary>
    public DateTimeOffset WallTimeOf(long monotonicMs, long nowMonotonicMs) =>
        Time.GetUtcNow().AddMilliseconds(monotonicMs - nowMonotonicMs);

    private static string ReadVersion()
    {
        var assembly = typeof(ServerOps).Assembly;
        var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        // The SDK appends the full commit id; Java shows an abbreviated one.
        var plus = informational.IndexOf('+', StringComparison.Ordinal);
        if (plus >= 0 && informational.Length > plus + 8)
            informational = informational[..(plus + 8)];
        var built = assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "SourceDateUtc")?.Value;
        return $"3.8.0-zkcompat-{informational}, built on {(string.IsNullOrEmpty(built) ? "unknown" : built)} UTC";
    }
}
