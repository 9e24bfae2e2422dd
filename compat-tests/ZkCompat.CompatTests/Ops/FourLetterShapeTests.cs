using System.Globalization;
using System.Net.Sockets;
using System.Text;
using ZkCompat.CompatTests.Servers;

namespace ZkCompat.CompatTests.Ops;

/// <summary>
/// Every four-letter word of PROTOCOL.md §8 against Java 3.8.0: same lines in the same order,
/// values aside (<see cref="TextShape"/>); keyed outputs (conf, envi, mntr) compared by key.
/// </summary>
public class FourLetterShapeTests(OpsServers servers) : IClassFixture<OpsServers>
{
    /// <summary>The mntr keys monitoring tools scrape (§8.3).</summary>
    private static readonly string[] s_scrapedKeys =
    [
        "zk_version", "zk_server_state", "zk_avg_latency", "zk_min_latency", "zk_max_latency", "zk_packets_received",
        "zk_packets_sent", "zk_num_alive_connections", "zk_outstanding_requests", "zk_znode_count", "zk_watch_count",
        "zk_ephemerals_count", "zk_approximate_data_size", "zk_open_file_descriptor_count", "zk_max_file_descriptor_count",
        "zk_uptime", "zk_global_sessions", "zk_local_sessions",
    ];

    [Theory]
    [InlineData("ruok")]
    [InlineData("srvr")]
    [InlineData("stat")]
    [InlineData("cons")]
    [InlineData("dump")]
    [InlineData("wchs")]
    [InlineData("wchc")]
    [InlineData("wchp")]
    [InlineData("dirs")]
    [InlineData("isro")]
    [InlineData("hash")]
    [InlineData("crst")]
    [InlineData("srst")]
    public async Task Word_HasJavasLineStructure(string word)
    {
        var java = await AskAsync("java", word);
        var ours = await AskAsync("zkcompat", word);

        // cons lists connections in hash-set order, and dump groups connections by expiry time,
        // which depends on when each was last heard from: there the lines are compared as a set.
        var unordered = word is "cons" or "dump";
        IEnumerable<string> Shape(string text) => unordered ? TextShape.Of(text).Distinct().Order(StringComparer.Ordinal) : TextShape.Of(text);
        Assert.True(Shape(java).SequenceEqual(Shape(ours)), $"java:\n{java}\nzkcompat:\n{ours}");
    }

    [Theory]
    [InlineData("conf", '=')]
    [InlineData("envi", '=')]
    public async Task Word_HasJavasKeysInJavasOrder(string word, char separator)
    {
        var java = Keys(await AskAsync("java", word), separator);
        var ours = Keys(await AskAsync("zkcompat", word), separator);

        Assert.Equal(java, ours);
    }

    [Fact]
    public async Task Mntr_HasJavasKeysInJavasOrder_AndTheScrapedOnesAreThere()
    {
        var java = Keys(await AskAsync("java", "mntr"), '\t');
        var ours = Keys(await AskAsync("zkcompat", "mntr"), '\t');

        // Java's fixed keys and the per-namespace ones its holder session made (the "ops" namespace).
        Assert.Equal(java, ours);
        Assert.Contains("zk_avg_ops_write_per_namespace", ours);
        Assert.All(s_scrapedKeys, key => Assert.Contains(key, ours));
    }

    [Fact]
    public async Task Mntr_ScrapedLikeCheckZookeeper_GivesJavasTypes()
    {
        var java = Scrape(await AskAsync("java", "mntr"));
        var ours = Scrape(await AskAsync("zkcompat", "mntr"));

        Assert.Equal(java.Select(p => (p.Key, p.Type)), ours.Select(p => (p.Key, p.Type)));
        Assert.Equal(["zk_version", "zk_server_state"], ours.Where(p => p.Type == "str").Select(p => p.Key));
    }

    [Fact]
    public async Task Dump_ListsTheHoldersSessionAndEphemeral_LikeJava()
    {
        foreach (var name in new[] { "java", "zkcompat" })
        {
            var dump = await AskAsync(name, "dump");
            var session = $"0x{servers.ByName[name].SessionId:x}";

            Assert.Contains($"\t{session}\n", dump, StringComparison.Ordinal);
            Assert.Contains($"{session}:\n\t/ops/eph\n", dump, StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// check_zookeeper.py's reading: each line split on its tab into key and value, the value tried
    /// as int, then float, else kept as text; here the type each line ends up with.
    /// </summary>
    private static List<(string Key, string Type)> Scrape(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.All(lines, line => Assert.Equal(2, line.Split('\t').Length));
        return [.. lines.Select(l => l.Split('\t')).Select(f => (f[0], TypeOf(f[1].Trim())))];
    }

    private static string TypeOf(string value) =>
        long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _) ? "int"
        : double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _) ? "float"
        : "str";

    private static List<string> Keys(string text, char separator) =>
        [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.Contains(separator, StringComparison.Ordinal)).Select(l => l[..l.IndexOf(separator, StringComparison.Ordinal)])];

    private async Task<string> AskAsync(string name, string word)
    {
        var server = servers.ByName[name].Server;
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await socket.ConnectAsync(server.Host, server.Port, deadline.Token);
        await socket.SendAsync(Encoding.ASCII.GetBytes(word), deadline.Token);
        using var answer = new MemoryStream();
        var buffer = new byte[65536];
        int read;
        while ((read = await socket.ReceiveAsync(buffer, deadline.Token)) > 0)
            answer.Write(buffer, 0, read);
        return Encoding.ASCII.GetString(answer.ToArray());
    }
}
