using System.Text;

namespace ZkCompat.CompatTests.Servers;

/// <summary>The zoo.cfg values every server under test gets (PROTOCOL.md §9.2).</summary>
internal sealed record ServerSettings(int TickTimeMs, int MinSessionTimeoutMs, int MaxSessionTimeoutMs)
{
    /// <summary>
    /// A short tick keeps session work quick. Min and max deliberately differ from the
    /// 2×/20× tickTime defaults, so a server that ignores those keys negotiates wrongly.
    /// </summary>
    public static ServerSettings Default { get; } = new(TickTimeMs: 500, MinSessionTimeoutMs: 2000, MaxSessionTimeoutMs: 15000);

    public string ToZooCfg(int clientPort, string dataDir, IEnumerable<string> extraLines)
    {
        var cfg = new StringBuilder()
            .AppendLine("# Written by ZkCompat.CompatTests for one test; deleted afterwards.")
            .AppendLine($"tickTime={TickTimeMs}")
            .AppendLine($"clientPort={clientPort}")
            .AppendLine("clientPortAddress=127.0.0.1")
            .AppendLine($"dataDir={dataDir}")
            .AppendLine($"minSessionTimeout={MinSessionTimeoutMs}")
            .AppendLine($"maxSessionTimeout={MaxSessionTimeoutMs}");
        foreach (var line in extraLines)
        {
            cfg.AppendLine(line);
        }

        return cfg.ToString();
    }
}
