using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ZkCompat.CompatTests.Durability;

namespace ZkCompat.CompatTests.Support;

/// <summary>
/// A server's whole tree, node by node (path, data, every Stat field, ACL), as sorted JSON lines
/// (zkdurable.dump_tree through a digest super session), and the comparison of two such dumps.
/// </summary>
internal static class TreeDump
{
    private static readonly TimeSpan DumpTimeout = TimeSpan.FromSeconds(90);
    private const int ShownDifferences = 10;
    private const string ConfigPath = "/zookeeper/config";

    /// <summary>
    /// Dumps the server at <paramref name="connectString"/> after a <c>sync</c> into <paramref name="outFile"/>
    /// and returns its lines; the server needs <see cref="DurabilityRun.SuperDigestLine"/> in its zoo.cfg.
    /// </summary>
    public static async Task<IReadOnlyList<string>> ReadAsync(string connectString, string outFile)
    {
        var run = await ClientRun.StartAsync(
            "/usr/bin/python3",
            "ensemble/ensemble_client.py",
            ["dump", connectString, outFile, "--super-password", DurabilityRun.SuperPassword],
            DumpTimeout);
        if (!run.Passed || !File.Exists(outFile))
        {
            throw new InvalidOperationException($"dumping the tree of {connectString} failed: {run.Describe()}\n{run.Output}");
        }

        return File.ReadAllLines(outFile);
    }

    /// <summary>
    /// The dump without what each member of an ensemble sets for itself: /zookeeper/config's mtime is the
    /// time that member loaded its configuration (PROTOCOL.md §7.1), not a replicated transaction's.
    /// </summary>
    public static IReadOnlyList<string> Replicated(IReadOnlyList<string> dump) => [.. dump.Select(ReplicatedLine)];

    /// <summary>The node path of one dump line.</summary>
    public static string PathOf(string line) => JsonDocument.Parse(line).RootElement.GetProperty("path").GetString()!;

    private static string ReplicatedLine(string line)
    {
        if (PathOf(line) != ConfigPath)
        {
            return line;
        }

        var node = JsonNode.Parse(line)!;
        node["stat"]!["mtime"] = 0;
        return node.ToJsonString();
    }

    /// <summary>Null when equal; otherwise the count and the first differing nodes, side by side.</summary>
    public static string? Difference(IReadOnlyList<string> left, IReadOnlyList<string> right, string leftName, string rightName)
    {
        var a = left.ToDictionary(PathOf);
        var b = right.ToDictionary(PathOf);
        var text = new StringBuilder();
        var differences = 0;
        foreach (var path in a.Keys.Union(b.Keys).Order(StringComparer.Ordinal))
        {
            a.TryGetValue(path, out var x);
            b.TryGetValue(path, out var y);
            if (x == y)
            {
                continue;
            }

            if (++differences <= ShownDifferences)
            {
                text.AppendLine($"{path}:\n  {leftName}: {x ?? "(absent)"}\n  {rightName}: {y ?? "(absent)"}");
            }
        }

        return differences == 0
            ? null
            : $"{differences} of {a.Count}/{b.Count} nodes differ between the dumps of {leftName} and {rightName} (first {ShownDifferences}):\n{text}";
    }
}
