using ZkCompat.Protocol.Ids;
using ZkCompat.Server.Processing;

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
    long NowMonotonicMs)
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
        return new EngineView(engine.LastZxid, engine.Tree.NodeCount, dataSize,
            engine.Watches.DataWatchCount + engine.Watches.ChildWatchCount, sessions, watches, nowMonotonicMs);
    }

    internal sealed record SessionInfo(long Id, int TimeoutMs, long ExpiresAtMs, IReadOnlyList<string> Ephemerals);
}
