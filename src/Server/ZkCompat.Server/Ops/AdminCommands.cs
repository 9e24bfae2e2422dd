using System.Text.Json.Nodes;

namespace ZkCompat.Server.Ops;

/// <summary>
/// The AdminServer's commands (PROTOCOL.md §8.2): primary names, aliases, and each one's JSON
/// object. Every answer carries "command" (the primary name) and "error".
/// </summary>
internal sealed class AdminCommands(ServerOps ops)
{
    private static readonly Dictionary<string, string> s_names = BuildNames();

    /// <summary>Answer without a serving engine (Java's exempt list).</summary>
    private static readonly HashSet<string> s_exempt = new(StringComparer.Ordinal)
    {
        "environment", "get_trace_mask", "monitor", "set_trace_mask", "system_properties", "zabstate",
    };

    public static IEnumerable<string> PrimaryNames => s_names.Values.Distinct().Order(StringComparer.Ordinal);

    public async Task<JsonObject> RunAsync(string name, IReadOnlyDictionary<string, string> query)
    {
        if (!s_names.TryGetValue(name, out var primary))
            return Done(new JsonObject(), name, $"Unknown command: {name}");
        var view = await ops.InspectAsync().ConfigureAwait(false);
        if (view is null && !s_exempt.Contains(primary))
            return Done(new JsonObject(), primary, ServerOps.NotServing);
        var (body, error) = AdminJson.Build(ops, primary, view, query);
        return Done(body, primary, error);
    }

    private static JsonObject Done(JsonObject body, string command, string? error)
    {
        body["command"] = command;
        body["error"] = error;
        return body;
    }

    private static Dictionary<string, string> BuildNames()
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        void Add(string primary, params string[] aliases)
        {
            names[primary] = primary;
            foreach (var alias in aliases)
                names[alias] = primary;
        }

        Add("configuration", "conf", "config");
        Add("connection_stat_reset", "crst");
        Add("connections", "cons");
        Add("dirs");
        Add("dump");
        Add("environment", "env", "envi");
        Add("get_trace_mask", "gtmk");
        Add("hash");
        Add("initial_configuration", "icfg");
        Add("is_read_only", "isro");
        Add("last_snapshot", "lsnp");
        Add("leader", "lead");
        Add("monitor", "mntr");
        Add("observer_connection_stat_reset", "orst");
        Add("observers", "obsr");
        Add("ruok");
        Add("server_stats", "srvr");
        Add("set_trace_mask", "stmk");
        Add("stat_reset", "srst");
        Add("stats", "stat");
        Add("system_properties", "sysp");
        Add("voting_view");
        Add("watches", "wchc");
        Add("watches_by_path", "wchp");
        Add("watch_summary", "wchs");
        Add("zabstate");
        return names;
    }
}
