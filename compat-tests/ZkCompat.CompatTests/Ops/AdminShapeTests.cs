using System.Net.Http;
using System.Text.Json;

namespace ZkCompat.CompatTests.Ops;

/// <summary>
/// Every AdminServer command of PROTOCOL.md §8.2 against Java 3.8.0's Jetty AdminServer: the
/// same JSON keys, nested objects and array elements included; values are each server's own.
/// </summary>
public class AdminShapeTests(OpsServers servers) : IClassFixture<OpsServers>
{
    public static TheoryData<string> Commands => new()
    {
        "configuration", "connection_stat_reset", "connections", "dirs", "dump", "environment", "get_trace_mask", "hash",
        "initial_configuration", "is_read_only", "last_snapshot", "leader", "observer_connection_stat_reset", "observers",
        "ruok", "server_stats", "set_trace_mask", "stat_reset", "stats", "voting_view", "watches", "watches_by_path",
        "watch_summary", "zabstate", "conf", "srvr", "nosuch",
    };

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task Command_HasJavasKeys(string command)
    {
        using var java = await GetAsync("java", command);
        using var ours = await GetAsync("zkcompat", command);

        Assert.Equal(Shape(java.RootElement, "", keyed: IsKeyedByValue(command)), Shape(ours.RootElement, "", keyed: IsKeyedByValue(command)));
        Assert.Equal(java.RootElement.GetProperty("command").GetString(), ours.RootElement.GetProperty("command").GetString());
        Assert.Equal(java.RootElement.GetProperty("error").ValueKind, ours.RootElement.GetProperty("error").ValueKind);
    }

    [Fact]
    public async Task Monitor_HasJavasKeysInJavasOrder_AndVersionAndStateAreThere()
    {
        using var java = await GetAsync("java", "monitor");
        using var ours = await GetAsync("zkcompat", "monitor");

        Assert.Equal(java.RootElement.EnumerateObject().Select(p => p.Name), ours.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal("standalone", ours.RootElement.GetProperty("server_state").GetString());
    }

    [Fact]
    public async Task Watches_NameTheHoldersSessionAndPaths_LikeJava()
    {
        foreach (var name in new[] { "java", "zkcompat" })
        {
            using var watches = await GetAsync(name, "watches");
            var session = servers.ByName[name].SessionId.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var paths = watches.RootElement.GetProperty("session_id_to_watched_paths").GetProperty(session).EnumerateArray().Select(p => p.GetString());

            Assert.Equal(["/ops/a", "/ops/a/b"], paths.Order(StringComparer.Ordinal));
        }
    }

    /// <summary>Objects whose keys are values (session ids, paths, expiry times) compare by the shape of their values only.</summary>
    private static bool IsKeyedByValue(string command) => command is "dump" or "watches" or "watches_by_path";

    /// <summary>Every key path with its JSON kind (numbers are one kind); arrays contribute the union of their elements' shapes.</summary>
    private static SortedSet<string> Shape(JsonElement element, string at, bool keyed)
    {
        var shape = new SortedSet<string>(StringComparer.Ordinal);
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    // Values that only Java has (JVM properties, environment) stay out of the comparison.
                    var name = keyed && at.Split('/').Length == 2 ? "*" : property.Name;
                    shape.Add($"{at}/{name}:{Kind(property.Value)}");
                    shape.UnionWith(Shape(property.Value, $"{at}/{name}", keyed));
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                    shape.UnionWith(Shape(item, at + "[]", keyed));
                break;
        }

        return shape;
    }

    private static string Kind(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.True or JsonValueKind.False => "bool",
        JsonValueKind.Null => "null",
        var kind => kind.ToString(),
    };

    private async Task<JsonDocument> GetAsync(string name, string command)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var text = await http.GetStringAsync(new Uri(servers.ByName[name].Admin, command));
        return JsonDocument.Parse(text);
    }
}
