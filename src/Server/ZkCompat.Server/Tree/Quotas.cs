using ZkCompat.Protocol.Codes;

namespace ZkCompat.Server.Tree;

/// <summary>
/// Quotas (PROTOCOL.md §7.1): /zookeeper/quota/&lt;path&gt;/zookeeper_limits marks a quota root and
/// /zookeeper/quota/&lt;path&gt;/zookeeper_stats holds the live count and bytes of its subtree, kept
/// up to date on every change as Java does (outside txns; those nodes are not in the digest).
/// </summary>
internal sealed class Quotas(DataTree tree)
{
    public const string LimitNode = "zookeeper_limits";
    public const string StatNode = "zookeeper_stats";
    private readonly HashSet<string> _roots = new(StringComparer.Ordinal);

    public static string LimitPath(string root) => DataTree.QuotaPath + root + "/" + LimitNode;

    public static string StatPath(string root) => DataTree.QuotaPath + root + "/" + StatNode;

    /// <summary>The deepest quota root at or above <paramref name="path"/>, or null.</summary>
    public string? RootOf(string path)
    {
        if (_roots.Count == 0 || path.StartsWith(DataTree.ZooKeeperPath, StringComparison.Ordinal))
            return null;
        for (var at = path; at != "/"; at = PathRules.Parent(at))
        {
            if (_roots.Contains(at))
                return at;
        }

        return null;
    }

    public void Created(string path, int bytes)
    {
        var parent = PathRules.Parent(path);
        if (parent.StartsWith(DataTree.QuotaPath + "/", StringComparison.Ordinal))
        {
            var root = parent[DataTree.QuotaPath.Length..];
            if (PathRules.Name(path) == LimitNode)
                _roots.Add(root);
            else if (PathRules.Name(path) == StatNode)
                Recount(root);
        }

        Add(path, bytes, 1);
    }

    public void Deleted(string path, int bytes)
    {
        if (PathRules.Name(path) == LimitNode && path.StartsWith(DataTree.QuotaPath + "/", StringComparison.Ordinal))
            _roots.Remove(PathRules.Parent(path)[DataTree.QuotaPath.Length..]);
        Add(path, -bytes, -1);
    }

    public void DataChanged(string path, int bytesDiff) => Add(path, bytesDiff, 0);

    /// <summary>After a snapshot load: find every quota root and recount its subtree.</summary>
    public void Rebuild()
    {
        _roots.Clear();
        // Only the quota subtree can hold limit nodes: no walk over the whole tree at every start.
        foreach (var node in tree.SubtreePaths(DataTree.QuotaPath))
        {
            if (node.StartsWith(DataTree.QuotaPath + "/", StringComparison.Ordinal) && PathRules.Name(node) == LimitNode)
                _roots.Add(PathRules.Parent(node)[DataTree.QuotaPath.Length..]);
        }

        foreach (var root in _roots)
            Recount(root);
    }

    /// <summary>QUOTAEXCEEDED when zookeeper.enforceQuota is on and a hard limit would be passed (Java's checkQuota).</summary>
    public ErrorCode Check(string path, long bytesDiff, int countDiff)
    {
        if (RootOf(path) is not { } root || tree.Get(LimitPath(root)) is not { } limitNode)
            return ErrorCode.Ok;
        var limits = StatsTrack.Of(limitNode.Data);
        var current = StatsTrack.Of(tree.Get(StatPath(root))?.Data);
        return Exceeds(limits, current, "count", "countHardLimit", countDiff) || Exceeds(limits, current, "bytes", "byteHardLimit", bytesDiff)
            ? ErrorCode.QuotaExceeded
            : ErrorCode.Ok;
    }

    private static bool Exceeds(StatsTrack limits, StatsTrack current, string soft, string hard, long diff)
    {
        // Soft limits only warn in Java; only a hard limit refuses.
        var hardLimit = limits[hard];
        return diff != 0 && hardLimit > -1 && current[soft] + diff > hardLimit;
    }

    private void Add(string path, long bytes, int count)
    {
        if (RootOf(path) is not { } root || tree.Get(StatPath(root)) is not { } statNode)
            return;
        var stats = StatsTrack.Of(statNode.Data);
        stats["count"] = stats["count"] + count;
        stats["bytes"] = stats["bytes"] + bytes;
        statNode.Data = stats.ToBytes();
    }

    private void Recount(string root)
    {
        if (tree.Get(StatPath(root)) is not { } statNode)
            return;
        long count = 0, bytes = 0;
        foreach (var node in tree.Subtree(root))
        {
            count++;
            bytes += node.Data?.Length ?? 0;
        }

        var stats = new StatsTrack { ["count"] = count, ["bytes"] = bytes };
        statNode.Data = stats.ToBytes();
    }
}
