using ZkCompat.Server.Tree;

namespace ZkCompat.Server.Processing;

/// <summary>
/// The tree as prep sees it: the applied tree overlaid with the changes of txns prepared but not
/// yet applied (Java's outstanding changes). Within a multi, later ops see earlier ones; a failed
/// multi rolls back to the mark taken before it.
/// </summary>
internal sealed class PrepView(DataTree tree)
{
    private readonly Dictionary<string, NodeRecord?> _changes = new(StringComparer.Ordinal);

    public NodeRecord? Get(string path)
    {
        if (path.Length == 0)
            path = "/";
        if (_changes.TryGetValue(path, out var record))
            return record;
        var node = tree.Get(path);
        return node is null ? null : NodeRecord.Of(node);
    }

    public void Put(string path, NodeRecord? record) => _changes[path] = record;

    /// <summary>The applied data length of a node (quota checks use the applied tree, as Java's do).</summary>
    public int? DataLength(string path) => tree.Get(path)?.Data?.Length;

    public Dictionary<string, NodeRecord?> Mark() => new(_changes, StringComparer.Ordinal);

    public void Rollback(Dictionary<string, NodeRecord?> mark)
    {
        _changes.Clear();
        foreach (var (path, record) in mark)
            _changes[path] = record;
    }

    /// <summary>Called once every prepared txn has been applied: the tree is the truth again.</summary>
    public void Clear() => _changes.Clear();
}
