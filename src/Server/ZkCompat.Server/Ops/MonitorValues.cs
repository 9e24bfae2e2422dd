namespace ZkCompat.Server.Ops;

/// <summary>
/// The mntr keys (§8.3), without the zk_ prefix, in Java's order for the first lines: version and
/// server_state first. Values are long, double or string; the admin monitor command and the
/// Prometheus gauges use the same names.
/// </summary>
internal static class MonitorValues
{
    public static List<(string Key, object Value)> Build(ServerOps ops, EngineView view)
    {
        var stats = ops.Stats;
        return
        [
            ("version", ServerOps.Version),
            ("server_state", ops.Mode),
            ("ephemerals_count", (long)view.EphemeralCount),
            ("num_alive_connections", (long)stats.Connections.Count),
            ("avg_latency", Math.Round(stats.Latency.Average, 4)),
            ("outstanding_requests", (long)stats.Outstanding),
            ("znode_count", (long)view.NodeCount),
            ("global_sessions", (long)view.Sessions.Count),
            ("non_mtls_remote_conn_count", 0L),
            ("last_client_response_size", stats.LastResponseBytes),
            ("packets_sent", stats.PacketsSent),
            ("packets_received", stats.PacketsReceived),
            ("max_client_response_size", stats.MaxResponseBytes),
            ("connection_drop_probability", 0.0),
            ("watch_count", (long)view.WatchCount),
            ("auth_failed_count", 0L),
            ("min_latency", stats.Latency.Min),
            ("max_file_descriptor_count", ServerFacts.MaxFileDescriptors()),
            ("approximate_data_size", view.ApproximateDataSize),
            ("open_file_descriptor_count", ServerFacts.OpenFileDescriptors()),
            ("local_sessions", 0L),
            ("uptime", stats.UptimeMs),
            ("max_latency", stats.Latency.Max),
            ("outstanding_tls_handshake", 0L),
            ("min_client_response_size", stats.MinResponseBytes),
            ("non_mtls_local_conn_count", 0L),
        ];
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
}
