using System.Text.Json.Nodes;

namespace ZkCompat.CompatTests.Durability;

/// <summary>
/// SnapshotFormatter -json's output: ncdu's export format, <c>[1,0,{meta},DIR]</c>, where a node with
/// children is <c>[{node},child...]</c> and a leaf is <c>{node}</c> (name, asize, dsize, dev, ino).
/// </summary>
internal static class SnapshotJson
{
    /// <summary>
    /// The export in a canonical form: meta's "timestamp" is the wall clock of the tool's run; "ino" is a
    /// counter the formatter hands out in its walk order, and children come in that order, which follows
    /// the snapshot file's node order (see <see cref="SnapshotListing.Ordered"/>): children are sorted by
    /// name and ino dropped. Null when the text is not the expected shape.
    /// </summary>
    public static string? Canonical(string stdout)
    {
        if (Parse(stdout) is not { } root)
            return null;
        var meta = root[2]!.DeepClone().AsObject();
        meta["timestamp"] = 0;
        return new JsonArray(root[0]!.DeepClone(), root[1]!.DeepClone(), meta, Canonical(root[3]!)).ToJsonString();
    }

    /// <summary>Every node's full path and asize (data length), or null when the text is not the expected shape.</summary>
    public static IReadOnlyDictionary<string, long>? Sizes(string stdout)
    {
        if (Parse(stdout) is not { } root)
            return null;
        var sizes = new Dictionary<string, long>(StringComparer.Ordinal);
        Walk(root[3]!, parent: null, sizes);
        return sizes;
    }

    private static JsonArray? Parse(string stdout)
    {
        try
        {
            return JsonNode.Parse(stdout) is JsonArray { Count: 4 } root && root[2] is JsonObject && root[3] is not null ? root : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static JsonNode Canonical(JsonNode entry)
    {
        if (entry is JsonObject leaf)
            return WithoutIno(leaf);
        var dir = entry.AsArray();
        var children = dir.Skip(1).Select(c => Canonical(c!)).OrderBy(Name, StringComparer.Ordinal);
        return new JsonArray([WithoutIno(dir[0]!.AsObject()), .. children]);
    }

    private static JsonObject WithoutIno(JsonObject node)
    {
        var copy = node.DeepClone().AsObject();
        copy.Remove("ino");
        return copy;
    }

    private static string Name(JsonNode entry) => (string)(entry is JsonArray dir ? dir[0]! : entry)["name"]!;

    private static void Walk(JsonNode entry, string? parent, Dictionary<string, long> sizes)
    {
        var node = entry is JsonArray dir ? dir[0]!.AsObject() : entry.AsObject();
        var name = (string)node["name"]!;
        var path = parent is null ? name : parent == "/" ? "/" + name : parent + "/" + name;
        sizes[path] = (long)node["asize"]!;
        if (entry is JsonArray children)
        {
            foreach (var child in children.Skip(1))
                Walk(child!, path, sizes);
        }
    }
}
