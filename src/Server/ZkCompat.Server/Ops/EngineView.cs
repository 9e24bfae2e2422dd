using ZkCompat.Protocol.Ids;
using ZkCompat.Server.Processing;
using ZkCompat.Server.Tree;

namespace ZkCompat.Server.Ops;

/// <summary>
/// What the ops commands need of the engine's state, copied on the apply loop (the only place it
/// may be read) so the text and JSON can be built anywhere.
/// </summary>
internal sealed record EngineView(
    Zxid LastZxid,
    int NodeCount,
    long ApproximateDataSize,
    int WatchCount,
    IReadOnlyList<EngineView.SessionInfo> Sessions,
    IReadOnlyList<(string Path, long SessionId)> DataWatches,
    long NowMonotonicMs,
    IReadOnlyList<(string Path, byte[]? Data)> QuotaLeaves,
    double ConnectionDropChance,
    IReadOnlyList<(long Zxid, long Digest)> Digests)
{
    public int EphemeralCount => Sessions.Sum(s => s.Ephemerals.Count);

    /// <summary>Reads the engine; call only on the apply loop (from an <see cref="InspectWork"/>).</summary>
    public static EngineView Capture(Engine engine, long nowMonotonicMs)
    {
        long dataSize = 0;
        foreach (var (path, node) in engine.Tree.PreOrder())
            dataSize += path.Length + (node.Data?.Length ?? 0);
        var sessions = engine.Sessions
            .Select(s => new SessionInfo(s.Id, s.TimeoutMs, s.ExpiresAtMs, [.. engine.Tree.EphemeralsOf(s.Id).Order(StringComparer.Ordinal)]))
            .OrderBy(s => s.Id)
            .ToList();
        var watches = engine.Watches.DataWatches.Select(w => (w.Path, w.Watcher.SessionId)).ToList();
        var quotaLeaves = new List<(string, byte[]?)>();
        CollectLeaves(engine.Tree, DataTree.QuotaPath, quotaLeaves);
        // Java's node map holds the root twice (as "" and "/"), and its node count counts both.
        return new EngineView(engine.LastZxid, engine.Tree.NodeCount + 1, dataSize,
            engine.Watches.DataWatchCount + engine.Watches.ChildWatchCount, sessions, watches, nowMonotonicMs, quotaLeaves,
            engine.ConnectionDropChance, engine.Tree.DigestLog.Entries);
    }

    /// <summary>The childless nodes under /zookeeper/quota with their data (the quota gauges read their limits and stats).</summary>
    private static void CollectLeaves(DataTree tree, string path, List<(string, byte[]?)> leaves)
    {
        if (tree.Get(path) is not { } node)
            return;
        if (node.Children.Count == 0)
            leaves.Add((path, node.Data?.ToArray()));
        foreach (var child in node.Children)
            CollectLeaves(tree, PathRules.Child(path, child), leaves);
    }

    internal sealed record SessionInfo(long Id, int TimeoutMs, long ExpiresAtMs, IReadOnlyList<string> Ephemerals);
}
