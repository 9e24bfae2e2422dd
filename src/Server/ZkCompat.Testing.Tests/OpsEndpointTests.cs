using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ZkCompat.Testing.Tests;

/// <summary>
/// The ops surface as its consumers read it: mntr the way check_zookeeper-style monitors parse
/// it, srvr the way zkServer.sh status does, the AdminServer's JSON, and the Prometheus text.
/// </summary>
public partial class OpsEndpointTests
{
    private static readonly string[] s_scrapedKeys =
    [
        "zk_version", "zk_server_state", "zk_avg_latency", "zk_min_latency", "zk_max_latency", "zk_packets_received",
        "zk_packets_sent", "zk_num_alive_connections", "zk_outstanding_requests", "zk_znode_count", "zk_watch_count",
        "zk_ephemerals_count", "zk_approximate_data_size", "zk_open_file_descriptor_count", "zk_max_file_descriptor_count",
        "zk_uptime", "zk_global_sessions", "zk_local_sessions",
    ];

    private static readonly string[] s_metricNames =
    [
        "znode_count", "watch_count", "outstanding_requests", "avg_latency", "min_latency", "max_latency",
        "packets_received", "packets_sent", "num_alive_connections", "ephemerals_count", "approximate_data_size", "uptime",
    ];

    private static readonly string[] s_types = ["gauge", "counter", "summary", "histogram", "untyped"];

    [Fact]
    public async Task Mntr_ParsesLikeAScraper_AndCountsTheNodesAClientMade()
    {
        await using var zk = await ZkTestServer.StartAsync();
        var before = ParseMntr(await zk.FourLetterWordAsync("mntr"));
        await using (var kazoo = KazooProcess.Start("roundtrip", zk.ConnectString))
            Assert.Equal("DATA hello", await kazoo.ReadLineAsync());

        var after = ParseMntr(await zk.FourLetterWordAsync("mntr"));

        Assert.Equal(["zk_version", "zk_server_state"], after.Keys.Take(2));
        Assert.All(s_scrapedKeys, key => Assert.Contains(key, after.Keys));
        Assert.Equal("standalone", after["zk_server_state"]);
        Assert.StartsWith("3.8.0-", after["zk_version"], StringComparison.Ordinal);
        Assert.Equal(long.Parse(before["zk_znode_count"], CultureInfo.InvariantCulture) + 1, long.Parse(after["zk_znode_count"], CultureInfo.InvariantCulture));
        Assert.True(long.Parse(after["zk_packets_received"], CultureInfo.InvariantCulture) > 0);
        Assert.True(double.TryParse(after["zk_avg_latency"], NumberStyles.Float, CultureInfo.InvariantCulture, out _));
        Assert.All(after.Where(p => p.Key is not ("zk_version" or "zk_server_state")),
            p => Assert.True(double.TryParse(p.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out _), $"{p.Key}={p.Value} is not a number"));
    }

    [Fact]
    public async Task Srvr_ReportsModeAndNodeCount_AsZkServerStatusReadsIt()
    {
        await using var zk = await ZkTestServer.StartAsync();

        var lines = (await zk.FourLetterWordAsync("srvr")).Split('\n');

        Assert.StartsWith("Zookeeper version: 3.8.0-", lines[0], StringComparison.Ordinal);
        Assert.Contains("Mode: standalone", lines);
        Assert.Matches(@"^Latency min/avg/max: \d+/\d+\.\d+/\d+$", lines[1]);
        Assert.Matches(@"^Zxid: 0x[0-9a-f]+$", lines.Single(l => l.StartsWith("Zxid:", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Whitelist_RefusesOtherWords_ButSrvrIsAlwaysAllowed()
    {
        await using var zk = await ZkTestServer.StartAsync(new ZkTestServerOptions { FourLetterWhitelist = "ruok" });

        Assert.Equal("imok", await zk.FourLetterWordAsync("ruok"));
        Assert.Equal("stat is not executed because it is not in the whitelist.\n", await zk.FourLetterWordAsync("stat"));
        Assert.Contains("Mode: standalone", await zk.FourLetterWordAsync("srvr"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AdminServer_EveryCommand_AnswersJsonNamingItself()
    {
        await using var zk = await ZkTestServer.StartAsync();
        using var http = new HttpClient();
        var index = await http.GetStringAsync(new Uri(zk.AdminUri!.ToString().TrimEnd('/')));
        var names = LinkNames().Matches(index).Select(m => m.Groups[1].Value).ToList();

        Assert.Contains("monitor", names);
        Assert.Equal(26, names.Count);
        foreach (var name in names)
        {
            using var response = await http.GetAsync(new Uri(zk.AdminUri, name));
            Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal(name, json.RootElement.GetProperty("command").GetString());
            Assert.True(json.RootElement.TryGetProperty("error", out _), name);
        }
    }

    [Fact]
    public async Task AdminServer_AliasAndUnknownCommand_AnswerAsJavaDoes()
    {
        await using var zk = await ZkTestServer.StartAsync();
        using var http = new HttpClient();

        using var ruok = JsonDocument.Parse(await http.GetStringAsync(new Uri(zk.AdminUri!, "ruok")));
        using var mntr = JsonDocument.Parse(await http.GetStringAsync(new Uri(zk.AdminUri!, "mntr")));
        using var unknown = JsonDocument.Parse(await http.GetStringAsync(new Uri(zk.AdminUri!, "nosuch")));

        Assert.Equal(JsonValueKind.Null, ruok.RootElement.GetProperty("error").ValueKind);
        Assert.Equal("monitor", mntr.RootElement.GetProperty("command").GetString());
        Assert.Equal("standalone", mntr.RootElement.GetProperty("server_state").GetString());
        Assert.Equal("Unknown command: nosuch", unknown.RootElement.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Metrics_PrometheusText_HasZooKeepersNames_AndTheLiveNodeCount()
    {
        await using var zk = await ZkTestServer.StartAsync(new ZkTestServerOptions { Metrics = true });
        using var http = new HttpClient();

        using var response = await http.GetAsync(zk.MetricsUri);
        var text = await response.Content.ReadAsStringAsync();
        var samples = ParsePrometheus(text);
        var nodeCount = (await zk.FourLetterWordAsync("srvr")).Split('\n').Single(l => l.StartsWith("Node count: ", StringComparison.Ordinal));

        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.All(s_metricNames, name => Assert.Contains(name, samples.Keys));
        Assert.Equal(double.Parse(nodeCount["Node count: ".Length..], CultureInfo.InvariantCulture), samples["znode_count"]);
    }

    [Fact]
    public async Task Metrics_Off_ByDefault_AdminServer_OffWhenAsked()
    {
        await using var zk = await ZkTestServer.StartAsync(new ZkTestServerOptions { AdminServer = false });

        Assert.Null(zk.MetricsUri);
        Assert.Null(zk.AdminUri);
    }

    /// <summary>check_zookeeper-style: every line "key TAB value", keys in order.</summary>
    private static Dictionary<string, string> ParseMntr(string text)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = line.Split('\t');
            Assert.True(parts.Length == 2 && parts[0].StartsWith("zk_", StringComparison.Ordinal), $"not a mntr line: '{line}'");
            values.Add(parts[0], parts[1]);
        }

        return values;
    }

    /// <summary>The text exposition format: # HELP/# TYPE before each family, then "name[{labels}] value".</summary>
    private static Dictionary<string, double> ParsePrometheus(string text)
    {
        var samples = new Dictionary<string, double>(StringComparer.Ordinal);
        var typed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.StartsWith("# TYPE ", StringComparison.Ordinal))
            {
                var parts = line.Split(' ');
                Assert.Contains(parts[3], s_types);
                typed.Add(parts[2]);
                continue;
            }

            if (line.StartsWith('#'))
                continue;
            var match = Sample().Match(line);
            Assert.True(match.Success, $"not a sample line: '{line}'");
            Assert.Contains(match.Groups[1].Value, typed);
            samples[match.Groups[1].Value] = double.Parse(match.Groups[3].Value, CultureInfo.InvariantCulture);
        }

        return samples;
    }

    [GeneratedRegex("href=\"[^\"]*/([a-z_]+)\"")]
    private static partial Regex LinkNames();

    [GeneratedRegex(@"^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})? ([-+0-9.eE]+|NaN|[+-]Inf)$")]
    private static partial Regex Sample();
}
