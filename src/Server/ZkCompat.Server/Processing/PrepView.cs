using ZkCompat.Server.Tree;

namespace ZkCompat.Server.Processing;

/// <summary>
/// The tree as prep sees it: the applied tree overlaid with the changes of txns prepared but not
/// yet applied (Java's outstanding changes). Each change remembers the txn that made it and is
/// dropped once that txn is applied (unless a later txn changed the path again), so the overlay
/// holds only what is in flight. Within a multi, later ops see earlier ones; a failed multi or
/// write rolls back to a mark through an undo log, in time proportional to what it changed.
/// </summary>
internal sealed class PrepView(DataTree tree)
{
    private readonly Dictionary<string, Change> _changes = new(StringComparer.Ordinal);
    private readonly Stack<(string Path, Change? Before)> _undo = new();
    private readonly Queue<(long Zxid, List<string> Paths)> _inFlight = new();
    private List<string> _touched = [];
    private long _zxid;

    /// <summary>Changes in the overlay (for tests: it shrinks as txns are applied).</summary>
    public int Count => _changes.Count;

    public NodeRecord? Get(string path)
    {
        if (path.Length == 0)
            path = "/";
        if (_changes.TryGetValue(path, out var change))
            return change.Record;
        var node = tree.Get(path);
        return node is null ? null : NodeRecord.Of(node);
    }

    public void Put(string path, NodeRecord? record)
    {
        _undo.Push((path, _changes.TryGetValue(path, out var before) ? before : null));
        _changes[path] = new Change(record, _zxid);
        _touched.Add(path);
    }

    /// <summary>
    /// The session's ephemerals as prep sees them: the applied tree's, plus those created in
    /// flight, minus those deleted in flight (Java's closeSession prep over outstanding changes).
    /// </summary>
    public List<string> EphemeralsOf(long sessionId)
    {
        var paths = tree.EphemeralsOf(sessionId).ToList();
        foreach (var (path, change) in _changes)
        {
            if (change.Record is null)
                paths.Remove(path);
            else if (change.Record.EphemeralOwner == sessionId && !paths.Contains(path))
                paths.Add(path);
        }

        return paths;
    }

    /// <summary>The applied data length of a node (quota checks use the applied tree, as Java's do).</summary>
    public int? DataLength(string path) => tree.Get(path)?.Data?.Length;

    /// <summary>Starts the prep of the txn <paramref name="zxid"/>; its changes are tagged with it.</summary>
    public void Begin(long zxid)
    {
        _zxid = zxid;
        _touched = [];
        _undo.Clear();
    }

    /// <summary>Ends the prep begun last: its surviving changes stay until <see cref="Applied"/>.</summary>
    public void End()
    {
        if (_touched.Count > 0)
            _inFlight.Enqueue((_zxid, _touched));
        _touched = [];
        _undo.Clear();
    }

    public int Mark() => _undo.Count;

    public void Rollback(int mark)
    {
        while (_undo.Count > mark)
        {
            var (path, before) = _undo.Pop();
            if (before is { } change)
                _changes[path] = change;
            else
                _changes.Remove(path);
        }
    }

    /// <summary>The txn <paramref name="zxid"/> (and every one before it) is in the tree now.</summary>
    public void Applied(long zxid)
    {
        while (_inFlight.TryPeek(out var head) && head.Zxid <= zxid)
        {
            _inFlight.Dequeue();
            foreach (var path in head.Paths)
            {
                if (_changes.TryGetValue(path, out var change) && change.Zxid == head.Zxid)
                    _changes.Remove(path);
            }
        }
    }

    /// <summary>Called once every prepared txn has been applied: the tree is the truth again.</summary>
    public void Clear()
    {
        _changes.Clear();
        _inFlight.Clear();
        _undo.Clear();
        _touched = [];
    }

    private readonly record struct Change(NodeRecord? Record, long Zxid);
}
