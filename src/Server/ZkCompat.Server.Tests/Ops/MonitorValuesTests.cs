using System.Globalization;
using System.Text;
using ZkCompat.Protocol.Codes;
using ZkCompat.Server.Ops;
using ZkCompat.Server.Tests.Support;

namespace ZkCompat.Server.Tests.Ops;

/// <summary>
/// mntr's keys, order and value kinds against Java 3.8.0's (Golden/mntr-standalone-idle-3.8.0.txt is
/// its standalone server's mntr on an empty dataDir, OpenJDK 17), the keys that grow with use,
/// the quorum roles' keys, and a scraper's reading of the text.
/// </summary>
public class MonitorValuesTests
{
    private static readonly string[] s_stringKeys = ["zk_version", "zk_server_state", "zk_peer_state"];

    [Fact]
    public async Task Build_FreshStandaloneServer_HasJavasKeysInJavasOrder_AndItsValueKinds()
    {
        await using var fixture = new EngineFixture();
        var java = Lines(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Golden", "mntr-standalone-idle-3.8.0.txt")));

        var ours = Lines(await MntrAsync(fixture));

        Assert.Equal(485, java.Count);
        Assert.Equal(java.Select(l => l.Key), ours.Select(l => l.Key));
        Assert.Equal(java.Select(l => (l.Key, Kind(l.Value))), ours.Select(l => (l.Key, Kind(l.Value))));
    }

    [Fact]
    public async Task Build_ReadsAndWrites_AddPerNamespaceSummaries_AfterTheFixedKeys()
    {
        await using var fixture = new EngineFixture();
        var client = await fixture.ConnectAsync();
        await client.CreateAsync("/app", "hello"u8.ToArray());
        await client.GetDataAsync("/app");
        await client.GetDataAsync("/app");
        await client.ExistsAsync("/nothing");

        var values = Lines(await MntrAsync(fixture));

        // Java: a read counts the path, the data and 68 bytes of stat; a write the path and the data.
        Assert.Equal(["avg_app_read_per_namespace", "min_app_read_per_namespace", "max_app_read_per_namespace", "cnt_app_read_per_namespace",
            "sum_app_read_per_namespace", "avg_app_write_per_namespace", "min_app_write_per_namespace", "max_app_write_per_namespace",
            "cnt_app_write_per_namespace", "sum_app_write_per_namespace"], values.TakeLast(10).Select(v => v.Key["zk_".Length..]));
        Assert.Equal("77", Value(values, "zk_max_app_read_per_namespace"));
        Assert.Equal("2", Value(values, "zk_cnt_app_read_per_namespace"));
        Assert.Equal("9", Value(values, "zk_sum_app_write_per_namespace"));
        Assert.DoesNotContain(values, v => v.Key.Contains("nothing", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Build_QuotaNodes_GiveLimitAndUsageGauges_AndARefusalIsCounted()
    {
        var options = EngineFixture.DefaultOptions with { Properties = new Dictionary<string, string> { ["zookeeper.enforceQuota"] = "true" } };
        await using var fixture = new EngineFixture(options);
        var client = await fixture.ConnectAsync();
        await client.CreateAsync("/q");
        await client.CreateAsync("/zookeeper/quota/q");
        await client.CreateAsync("/zookeeper/quota/q/zookeeper_limits", "count=-1,bytes=100=;countHardLimit=2"u8.ToArray());
        await client.CreateAsync("/zookeeper/quota/q/zookeeper_stats", "count=0,bytes=0"u8.ToArray());
        await client.CreateAsync("/q/a");
        Assert.Equal(ErrorCode.QuotaExceeded, (await client.CreateAsync("/q/b")).Err);

        var values = Lines(await MntrAsync(fixture));

        Assert.Equal("2", Value(values, "zk_q_quota_count_limit_per_namespace"));
        Assert.Equal("100", Value(values, "zk_q_quota_bytes_limit_per_namespace"));
        Assert.Equal("2", Value(values, "zk_q_quota_count_usage_per_namespace"));
        Assert.Equal("0", Value(values, "zk_q_quota_bytes_usage_per_namespace"));
        Assert.Equal("1", Value(values, "zk_q_quota_exceeded_error_per_namespace"));
        // The gauge sets come straight after the gauges, as in Java.
        var gaugesEnd = values.FindIndex(v => v.Key == "zk_non_mtls_local_conn_count");
        Assert.StartsWith("zk_q_quota_", values[gaugesEnd + 1].Key, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Build_WatchesFired_AreSummarisedPerEventType()
    {
        await using var fixture = new EngineFixture();
        var watcher = await fixture.ConnectAsync();
        var writer = await fixture.ConnectAsync();
        await writer.CreateAsync("/w");
        await watcher.GetDataAsync("/w", watch: true);
        await writer.SetDataAsync("/w", [1]);

        var values = Lines(await MntrAsync(fixture));

        Assert.Equal("1", Value(values, "zk_cnt_node_changed_watch_count"));
        Assert.Equal("0", Value(values, "zk_cnt_node_created_watch_count"));
    }

    [Fact]
    public async Task Reset_ZeroesMetrics_ButKeepsTheNamespaceKeys()
    {
        await using var fixture = new EngineFixture();
        var client = await fixture.ConnectAsync();
        await client.CreateAsync("/app");
        var ops = new ServerOps(fixture.Options, fixture.Engine, fixture.Time);

        ops.Stats.Reset();
        var values = Lines(await MntrAsync(fixture, ops));

        Assert.Equal("0", Value(values, "zk_cnt_app_write_per_namespace"));
        Assert.Equal("0.0", Value(values, "zk_avg_app_write_per_namespace"));
    }

    [Theory]
    [InlineData("leader", new[] { "zk_quorum_size", "zk_learners", "zk_synced_followers", "zk_synced_observers", "zk_pending_syncs", "zk_leader_uptime", "zk_max_proposal_size" })]
    [InlineData("follower", new[] { "zk_quorum_size", "zk_synced_observers" })]
    [InlineData("observer", new[] { "zk_quorum_size", "zk_observer_master_id" })]
    public async Task Build_QuorumRole_AddsPeerStateAndTheRolesGauges(string role, string[] expected)
    {
        await using var fixture = new EngineFixture();
        var ops = new ServerOps(fixture.Options, fixture.Engine, fixture.Time) { Quorum = new FakeQuorum(role) };

        var values = Lines(await MntrAsync(fixture, ops));
        var srvr = FourLetterText.Stat(ops, (await ops.InspectAsync())!, withClients: false);

        Assert.Equal(["zk_version", "zk_server_state", "zk_peer_state"], values.Take(3).Select(v => v.Key));
        Assert.Equal(role, Value(values, "zk_server_state"));
        Assert.All(expected, key => Assert.Contains(key, values.Select(v => v.Key)));
        // A number the role does not report (null) is left out, as Java leaves out a null gauge.
        Assert.DoesNotContain(values, v => v.Key == "zk_synced_non_voting_followers");
        Assert.Contains($"Mode: {role}\n", srvr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Text_ParsesAsCheckZookeeperParsesIt()
    {
        await using var fixture = new EngineFixture();
        var client = await fixture.ConnectAsync();
        await client.CreateAsync("/app", "x"u8.ToArray());
        await client.GetChildrenAsync("/app");

        var text = await MntrAsync(fixture);

        // check_zookeeper.py: every line "key TAB value", value tried as int, then float, else kept as text.
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        foreach (var line in text.TrimEnd('\n').Split('\n'))
        {
            var fields = line.Split('\t');
            Assert.Equal(2, fields.Length);
            Assert.StartsWith("zk_", fields[0], StringComparison.Ordinal);
            var numeric = long.TryParse(fields[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)
                || double.TryParse(fields[1], NumberStyles.Float, CultureInfo.InvariantCulture, out _);
            Assert.True(numeric || s_stringKeys.Contains(fields[0]), $"{line} is not numeric");
        }
    }

    private static async Task<string> MntrAsync(EngineFixture fixture, ServerOps? ops = null)
    {
        ops ??= new ServerOps(fixture.Options, fixture.Engine, fixture.Time);
        var view = await ops.InspectAsync();
        return MonitorValues.Text(MonitorValues.Build(ops, view!));
    }

    private static List<(string Key, string Value)> Lines(string text) =>
        [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => (l[..l.IndexOf('\t', StringComparison.Ordinal)], l[(l.IndexOf('\t', StringComparison.Ordinal) + 1)..]))];

    private static string Value(List<(string Key, string Value)> values, string key) => values.Single(v => v.Key == key).Value;

    /// <summary>What a scraper can tell apart: an integer, a decimal (Java's Double.toString) or text.</summary>
    private static string Kind(string value) =>
        long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _) ? "integer"
        : double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _) ? "decimal"
        : "text";

    private sealed class FakeQuorum(string role) : IQuorumStatus
    {
        public string Role => role;

        public string? PeerState => "leading - broadcast";

        public int? QuorumSize => 3;

        public int? Learners => role == "leader" ? 2 : null;

        public int? SyncedFollowers => role == "leader" ? 2 : null;

        public int? SyncedObservers => role is "leader" or "follower" ? 0 : null;

        public int? PendingSyncs => role == "leader" ? 0 : null;

        public long? LeaderUptimeMs => role == "leader" ? 1234 : null;

        public (long Last, long Min, long Max)? ProposalSizes => role == "leader" ? (48, 36, 94) : null;

        public long? ObserverMasterId => role == "observer" ? 2 : null;
    }
}
