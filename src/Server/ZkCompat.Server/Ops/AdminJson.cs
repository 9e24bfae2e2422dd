using System.Globalization;
using System.Text.Json.Nodes;

namespace ZkCompat.Server.Ops;

/// <summary>The JSON bodies of the admin commands, key for key as Java 3.8's (values are ours).</summary>
internal static class AdminJson
{
    public static (JsonObject Body, string? Error) Build(ServerOps ops, string command, EngineView? view, IReadOnlyDictionary<string, string> query) => command switch
    {
        "configuration" => (Configuration(ops), null),
        "connection_stat_reset" => Reset(ops.Stats.ResetConnections),
        "stat_reset" => Reset(ops.Stats.Reset),
        "observer_connection_stat_reset" or "ruok" => ([], null),
        "connections" => (new JsonObject { ["connections"] = Connections(ops, full: true), ["secure_connections"] = new JsonArray() }, null),
        "dirs" => (Dirs(ops), null),
        "dump" => (Dump(view!), null),
        "environment" => (Pairs(ServerFacts.Environment()), null),
        "system_properties" => (Pairs(ops.Options.Properties.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, p.Value))), null),
        "get_trace_mask" => (new JsonObject { ["tracemask"] = ops.TraceMask }, null),
        "set_trace_mask" => SetTraceMask(ops, query),
        "hash" => (new JsonObject { ["digests"] = Digests(view!) }, null),
        "initial_configuration" => (new JsonObject { ["initial_configuration"] = ops.Options.ConfigText }, null),
        "is_read_only" => (new JsonObject { ["read_only"] = false }, null),
        "last_snapshot" => (LastSnapshot(ops), null),
        // A standalone server has no leader; Java answers the same error.
        "leader" => ([], "server is not initialized"),
        "monitor" => (Monitor(ops, view), null),
        "observers" => (new JsonObject { ["synced_observers"] = 0, ["observers"] = new JsonArray() }, null),
        "server_stats" => (Stats(ops, view!), null),
        "stats" => (StatsWithConnections(ops, view!), null),
        "voting_view" => (new JsonObject { ["current_config"] = new JsonObject() }, null),
        "watches" => (Grouped("session_id_to_watched_paths", view!.DataWatches.GroupBy(w => w.SessionId.ToString(CultureInfo.InvariantCulture), w => (JsonNode)w.Path)), null),
        "watches_by_path" => (Grouped("path_to_session_ids", view!.DataWatches.GroupBy(w => w.Path, w => (JsonNode)w.SessionId)), null),
        "watch_summary" => (WatchSummary(view!), null),
        "zabstate" => (new JsonObject { ["voting"] = false, ["zabstate"] = "" }, null),
        _ => ([], $"Unknown command: {command}"),
    };

    private static (JsonObject, string?) Reset(Action reset)
    {
        reset();
        return ([], null);
    }

    private static JsonObject Configuration(ServerOps ops)
    {
        var o = ops.Options;
        return new JsonObject
        {
            ["client_port"] = o.ClientPort,
            ["data_dir"] = ServerFacts.SnapshotDir(o),
            ["data_log_dir"] = ServerFacts.LogDir(o),
            ["tick_time"] = o.TickTimeMs,
            ["max_client_cnxns"] = o.MaxClientCnxns,
            ["min_session_timeout"] = o.EffectiveMinSessionTimeoutMs,
            ["max_session_timeout"] = o.EffectiveMaxSessionTimeoutMs,
            ["server_id"] = 0,
            ["client_port_listen_backlog"] = o.ClientPortListenBacklog,
        };
    }

    private static JsonObject Dirs(ServerOps ops) => new()
    {
        ["datadir_size"] = ServerFacts.DirectorySize(ServerFacts.SnapshotDir(ops.Options)),
        ["logdir_size"] = ServerFacts.DirectorySize(ServerFacts.LogDir(ops.Options)),
    };

    private static (JsonObject, string?) SetTraceMask(ServerOps ops, IReadOnlyDictionary<string, string> query)
    {
        if (!query.TryGetValue("traceMask", out var mask) || !long.TryParse(mask, CultureInfo.InvariantCulture, out var m))
            return ([], "setTraceMask requires long traceMask argument");
        ops.TraceMask = m;
        return (new JsonObject { ["tracemask"] = m }, null);
    }

    private static JsonObject LastSnapshot(ServerOps ops)
    {
        var snap = ServerFacts.LastSnapshot(ops.Options);
        return new JsonObject
        {
            ["zxid"] = (snap?.Zxid ?? 0).ToString("x", CultureInfo.InvariantCulture),
            ["timestamp"] = snap?.Time.ToUnixTimeSeconds() ?? 0,
        };
    }

    private static JsonObject StatsWithConnections(ServerOps ops, EngineView view)
    {
        var stats = Stats(ops, view);
        stats["connections"] = Connections(ops, full: false);
        stats["secure_connections"] = new JsonArray();
        return stats;
    }

    private static JsonObject WatchSummary(EngineView view) => new()
    {
        ["num_connections"] = view.DataWatches.Select(w => w.SessionId).Distinct().Count(),
        ["num_paths"] = view.DataWatches.Select(w => w.Path).Distinct().Count(),
        ["num_total_watches"] = view.DataWatches.Count,
    };

    /// <summary>Java's ZxidDigest as Jackson writes it: zxid, digest, digest_version.</summary>
    private static JsonArray Digests(EngineView view)
    {
        var digests = new JsonArray();
        foreach (var (zxid, digest) in view.Digests)
            digests.Add((JsonNode)new JsonObject { ["zxid"] = zxid, ["digest"] = digest, ["digest_version"] = Persistence.TxnCodec.DigestVersion });
        return digests;
    }

    private static JsonObject Monitor(ServerOps ops, EngineView? view)
    {
        var body = new JsonObject();
        if (view is null)
            return body;
        foreach (var (key, value) in MonitorValues.Build(ops, view))
        {
            body[key] = value switch
            {
                long n => n,
                double d => d,
                _ => value.ToString(),
            };
        }

        return body;
    }

    private static JsonObject Stats(ServerOps ops, EngineView view)
    {
        var s = ops.Stats;
        JsonObject ResponseSizes() => new()
        {
            ["last_buffer_size"] = s.LastResponseBytes,
            ["min_buffer_size"] = s.MinResponseBytes,
            ["max_buffer_size"] = s.MaxResponseBytes,
        };
        return new JsonObject
        {
            ["version"] = ServerOps.Version,
            ["read_only"] = false,
            ["server_stats"] = new JsonObject
            {
                ["packets_sent"] = s.PacketsSent,
                ["packets_received"] = s.PacketsReceived,
                ["fsync_threshold_exceed_count"] = ops.Fsync?.ExceededCount ?? 0,
                ["client_response_stats"] = ResponseSizes(),
                ["data_dir_size"] = ServerFacts.DirectorySize(ServerFacts.SnapshotDir(ops.Options)),
                ["log_dir_size"] = ServerFacts.DirectorySize(ServerFacts.LogDir(ops.Options)),
                ["provider_null"] = false,
                ["server_state"] = ops.Mode,
                ["last_processed_zxid"] = view.LastZxid.Value,
                ["outstanding_requests"] = s.Outstanding,
                ["avg_latency"] = Metrics.Summary.Round4(s.Latency.Average),
                ["max_latency"] = s.Latency.Max,
                ["min_latency"] = s.Latency.Min,
                ["num_alive_client_connections"] = s.Connections.Count,
                ["auth_failed_count"] = 0,
                ["non_mtlsremote_conn_count"] = 0,
                ["non_mtlslocal_conn_count"] = 0,
                ["uptime"] = s.UptimeMs,
            },
            ["client_response"] = ResponseSizes(),
            ["node_count"] = view.NodeCount,
        };
    }

    private static JsonArray Connections(ServerOps ops, bool full)
    {
        var list = new JsonArray();
        foreach (var c in FourLetterText.Snapshots(ops))
        {
            var entry = new JsonObject
            {
                ["remote_socket_address"] = c.Remote,
                ["interest_ops"] = c.InterestOps,
                ["outstanding_requests"] = c.Queued,
                ["packets_received"] = c.Received,
                ["packets_sent"] = c.Sent,
            };
            if (full && c.SessionId != 0)
            {
                entry["session_id"] = c.SessionId;
                entry["last_operation"] = c.LastOp;
                entry["established"] = c.EstablishedMs;
                entry["session_timeout"] = c.SessionTimeoutMs;
                entry["last_cxid"] = c.LastCxid;
                entry["last_zxid"] = c.LastZxid;
                entry["last_response_time"] = c.LastResponseMs;
                entry["last_latency"] = c.LastLatencyMs;
                entry["min_latency"] = c.MinLatencyMs;
                entry["avg_latency"] = (long)c.AvgLatencyMs;
                entry["max_latency"] = c.MaxLatencyMs;
            }

            list.Add((JsonNode)entry);
        }

        return list;
    }

    private static JsonObject Dump(EngineView view)
    {
        var expiry = new JsonObject();
        foreach (var bucket in view.Sessions.GroupBy(s => s.ExpiresAtMs).OrderBy(b => b.Key))
            expiry[bucket.Key.ToString(CultureInfo.InvariantCulture)] = new JsonArray([.. bucket.Select(s => (JsonNode)s.Id)]);
        var ephemerals = new JsonObject();
        foreach (var session in view.Sessions.Where(s => s.Ephemerals.Count > 0))
            ephemerals[session.Id.ToString(CultureInfo.InvariantCulture)] = new JsonArray([.. session.Ephemerals.Select(p => (JsonNode)p)]);
        return new JsonObject { ["expiry_time_to_session_ids"] = expiry, ["session_id_to_ephemeral_paths"] = ephemerals };
    }

    private static JsonObject Grouped(string key, IEnumerable<IGrouping<string, JsonNode>> groups)
    {
        var map = new JsonObject();
        foreach (var group in groups.OrderBy(g => g.Key, StringComparer.Ordinal))
            map[group.Key] = new JsonArray([.. group]);
        return new JsonObject { [key] = map };
    }

    private static JsonObject Pairs(IEnumerable<(string Key, string Value)> pairs)
    {
        var body = new JsonObject();
        foreach (var (key, value) in pairs)
            body[key] = value;
        return body;
    }
}
