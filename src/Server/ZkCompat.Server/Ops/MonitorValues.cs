using ZkCompat.Server.Metrics;

namespace ZkCompat.Server.Ops;

/// <summary>
/// The mntr keys (§8.3), without the zk_ prefix, in Java 3.8.0's order: version and server_state
/// (and a quorum peer's peer_state, observer_master_id), the gauges, the quota gauges, then every
/// metric of <see cref="MetricRegistry"/>; Java keeps each group in a hash map, so within a group
/// the order is that map's (<see cref="JavaHashOrder"/>). Values are long, double or string; the
/// admin monitor command uses the same list and the Prometheus endpoint its gauges.
/// </summary>
internal static class MonitorValues
{
    public static List<(string Key, object Value)> Build(ServerOps ops, EngineView view)
    {
        var quorum = ops.Quorum;
        var values = new List<(string Key, object Value)> { ("version", ServerOps.Version), ("server_state", quorum.Role) };
        if (quorum.PeerState is { } peerState)
            values.Add(("peer_state", peerState));
        if (quorum.ObserverMasterId is { } masterId)
            values.Add(("observer_master_id", masterId));
        values.AddRange(Gauges(ops, view));
        values.AddRange(QuotaGauges.Values(view.QuotaLeaves));
        values.AddRange(ops.Stats.Metrics.Dump());
        return values;
    }

    /// <summary>The gauges the server and its role register, in Java's order; a quorum number that is null is left out.</summary>
    public static List<(string Key, object Value)> Gauges(ServerOps ops, EngineView view)
    {
        var known = GaugeValues(ops, view);
        var names = MetricCatalog.ServerGauges.Concat(MetricCatalog.RoleGauges(ops.Quorum.Role));
        return [.. JavaHashOrder.Of(names).Where(n => known.GetValueOrDefault(n) is not null).Select(n => (n, known[n]!))];
    }

    /// <summary>mntr's text: <c>zk_key TAB value</c> per line; integers as integers, other numbers as Java doubles.</summary>
    public static string Text(IEnumerable<(string Key, object Value)> values)
    {
        var text = new System.Text.StringBuilder();
        foreach (var (key, value) in values)
            text.Append("zk_").Append(key).Append('\t').Append(Format(value)).Append('\n');
        return text.ToString();
    }

    public static string Format(object value) => value switch
    {
        double d => JavaText.Double(d),
        long n => n.ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>
    /// Every gauge is measured: the connections' counters, the engine's view, the process. The
    /// constant ones are constant in Java's standalone NIO server too: no local sessions, no TLS
    /// handshakes or failed auths counted.
    /// </summary>
    private static Dictionary<string, object?> GaugeValues(ServerOps ops, EngineView view)
    {
        var stats = ops.Stats;
        var quorum = ops.Quorum;
        var proposals = quorum.ProposalSizes;
        return new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["avg_latency"] = Summary.Round4(stats.Latency.Average),
            ["max_latency"] = stats.Latency.Max,
            ["min_latency"] = stats.Latency.Min,
            ["packets_received"] = stats.PacketsReceived,
            ["packets_sent"] = stats.PacketsSent,
            ["num_alive_connections"] = (long)stats.Connections.Count,
            ["outstanding_requests"] = (long)stats.Outstanding,
            ["uptime"] = stats.UptimeMs,
            ["znode_count"] = (long)view.NodeCount,
            ["watch_count"] = (long)view.WatchCount,
            ["ephemerals_count"] = (long)view.EphemeralCount,
            ["approximate_data_size"] = view.ApproximateDataSize,
            ["global_sessions"] = (long)view.Sessions.Count,
            ["local_sessions"] = 0L,
            ["open_file_descriptor_count"] = ServerFacts.OpenFileDescriptors(),
            ["max_file_descriptor_count"] = ServerFacts.MaxFileDescriptors(),
            ["connection_drop_probability"] = view.ConnectionDropChance,
            ["last_client_response_size"] = stats.LastResponseBytes,
            ["max_client_response_size"] = stats.MaxResponseBytes,
            ["min_client_response_size"] = stats.MinResponseBytes,
            ["outstanding_tls_handshake"] = 0L,
            ["auth_failed_count"] = 0L,
            ["non_mtls_remote_conn_count"] = 0L,
            ["non_mtls_local_conn_count"] = 0L,
            ["quorum_size"] = (long?)quorum.QuorumSize,
            ["learners"] = (long?)quorum.Learners,
            ["synced_followers"] = (long?)quorum.SyncedFollowers,
            ["synced_non_voting_followers"] = (long?)quorum.SyncedNonVotingFollowers,
            ["synced_observers"] = (long?)quorum.SyncedObservers,
            ["pending_syncs"] = (long?)quorum.PendingSyncs,
            ["leader_uptime"] = quorum.LeaderUptimeMs,
            ["last_proposal_size"] = proposals?.Last,
            ["max_proposal_size"] = proposals?.Max,
            ["min_proposal_size"] = proposals?.Min,
        };
    }
}
