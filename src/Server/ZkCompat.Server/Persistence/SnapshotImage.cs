using ZkCompat.Protocol.Ids;
using ZkCompat.Protocol.Records;
using ZkCompat.Protocol.Txn;
using ZkCompat.Server.Tree;

namespace ZkCompat.Server.Persistence;

/// <summary>
/// A consistent copy of the state at one zxid, taken on the apply loop and written to disk off it.
/// Node data arrays are shared, not copied: the tree replaces them on setData, never mutates them.
/// </summary>
internal sealed record SnapshotImage(Zxid Zxid, long Digest, List<(long Id, int TimeoutMs)> Sessions, List<NodeImage> Nodes)
{
    public static SnapshotImage Capture(DataTree tree, Zxid zxid, IEnumerable<(long Id, int TimeoutMs)> sessions)
    {
        var nodes = new List<NodeImage>(tree.NodeCount);
        foreach (var (path, node) in tree.PreOrder())
            nodes.Add(new NodeImage(path, node.Data, node.Acls, node.ToStatPersisted()));
        return new SnapshotImage(zxid, tree.Digest, [.. sessions], nodes);
    }
}

/// <summary>One node of a snapshot image.</summary>
internal sealed record NodeImage(string Path, byte[]? Data, IReadOnlyList<Acl> Acls, StatPersisted Stat);
