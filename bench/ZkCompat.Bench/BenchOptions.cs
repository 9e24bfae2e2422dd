using System.Globalization;
using System.Net;

namespace ZkCompat.Bench;

/// <summary>The command line of zkcompat-bench (see <see cref="Usage"/>).</summary>
internal sealed record BenchOptions
{
    public const string Usage = """
        zkcompat-bench --connect HOST:PORT[,HOST:PORT...] --workload W [options]
          --workload    read | write | create | mixed | watch | ephemeral | populate
          --sessions N      sessions (default 16; watch: 1 writer + N-1 watchers)
          --outstanding K   requests in flight per session (default 100; watch: nodes triggered at once)
          --size B          value size in bytes (default 100)
          --keys N          keys read/written (default 1000); populate: znodes to create
          --read-pct P      reads in mixed (default 90)
          --rate R          read/write/mixed: open loop at R requests/s in total (paced per ms), not
                            closed loop; for latency at equal load (default 0 = closed loop)
          --ephemerals E    ephemeral churn: znodes per session life (default 10)
          --warmup S        seconds of load before the window, not measured (default 2)
          --duration S      seconds measured (default 5)
          --server-pid PID  measure that process's CPU time during the window (same host)
          --root PATH       where the workload's znodes live (default /zkcompat-bench)
          --label TEXT      copied to the output
        Prints one JSON line on stdout. Exit status 1 when any request failed.
        """;

    /// <summary>The first server; sessions are spread round-robin over <see cref="Servers"/>.</summary>
    public IPEndPoint Server => Servers[0];

    public required IReadOnlyList<IPEndPoint> Servers { get; init; }

    public string Workload { get; init; } = "read";

    public int Sessions { get; init; } = 16;

    public int Outstanding { get; init; } = 100;

    public int Size { get; init; } = 100;

    public int Keys { get; init; } = 1000;

    public int ReadPercent { get; init; } = 90;

    public int Ephemerals { get; init; } = 10;

    /// <summary>Requests per second for an open-loop run; 0 keeps each session's pipeline full instead.</summary>
    public double RatePerSecond { get; init; }

    public double WarmupSeconds { get; init; } = 2;

    public double DurationSeconds { get; init; } = 5;

    public int? ServerPid { get; init; }

    public string Root { get; init; } = "/zkcompat-bench";

    public string Label { get; init; } = "";

    public int SessionTimeoutMs { get; init; } = 30_000;

    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Count)
                throw new ArgumentException($"expected --option value at '{args[i]}'");
            values[args[i][2..]] = args[++i];
        }

        var options = new BenchOptions
        {
            Servers = (Take(values, "connect") ?? throw new ArgumentException("--connect HOST:PORT is required")).Split(',').Select(ParseEndPoint).ToList(),
            Workload = Take(values, "workload") ?? "read",
            Sessions = Int(values, "sessions", 16),
            Outstanding = Int(values, "outstanding", 100),
            Size = Int(values, "size", 100),
            Keys = Int(values, "keys", 1000),
            ReadPercent = Int(values, "read-pct", 90),
            Ephemerals = Int(values, "ephemerals", 10),
            RatePerSecond = Double(values, "rate", 0),
            WarmupSeconds = Double(values, "warmup", 2),
            DurationSeconds = Double(values, "duration", 5),
            ServerPid = Take(values, "server-pid") is { } pid ? int.Parse(pid, CultureInfo.InvariantCulture) : null,
            Root = Take(values, "root") ?? "/zkcompat-bench",
            Label = Take(values, "label") ?? "",
        };
        if (values.Count > 0)
            throw new ArgumentException($"unknown option --{values.Keys.First()}");
        if (options.Sessions < 1 || options.Outstanding < 1 || options.Size < 0 || options.Keys < 1 || options.Ephemerals < 1)
            throw new ArgumentException("sessions, outstanding, keys and ephemerals must be positive, size not negative");
        if (options.Workload == "watch" && options.Sessions < 2)
            throw new ArgumentException("watch needs at least 2 sessions (a writer and a watcher)");
        return options;
    }

    public static IPEndPoint ParseEndPoint(string text)
    {
        var colon = text.LastIndexOf(':');
        if (colon <= 0)
            throw new ArgumentException($"'{text}' is not HOST:PORT");
        var host = text[..colon];
        var address = host == "localhost" ? IPAddress.Loopback : IPAddress.Parse(host.Trim('[', ']'));
        return new IPEndPoint(address, int.Parse(text[(colon + 1)..], CultureInfo.InvariantCulture));
    }

    private static string? Take(Dictionary<string, string> values, string key) => values.Remove(key, out var value) ? value : null;

    private static int Int(Dictionary<string, string> values, string key, int fallback) =>
        Take(values, key) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

    private static double Double(Dictionary<string, string> values, string key, double fallback) =>
        Take(values, key) is { } text ? double.Parse(text, CultureInfo.InvariantCulture) : fallback;
}
