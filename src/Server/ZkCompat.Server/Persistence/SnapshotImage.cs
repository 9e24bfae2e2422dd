using ZkCompat.Protocol.Ids;
using ZkCompat.Protocol.Jute;
using ZkCompat.Protocol.Records;
using ZkCompat.Server.Tree;

namespace ZkCompat.Server.Persistence;

/// <summary>
/// A consistent copy of the state at one zxid, taken on the apply loop and written to disk off it.
/// The capture is one array of value copies in the tree's own order (no per-node object, no new
/// path string); node data and ACL lists are shared, not copied, because the tree replaces them
/// on change and never mutates them. The writer puts parents first (<see cref="ParentsFirst"/>).
/// <see cref="Digest"/> is null when the tree keeps none (digest.enabled=false): the file then ends
/// after its first seal, as Java's does.
/// </summary>
internal sealed record SnapshotImage(Zxid Zxid, long? Digest, List<(long Id, int TimeoutMs)> Sessions, NodeImage[] Nodes)
{
    public static SnapshotImage Capture(DataTree tree, Zxid zxid, IEnumerable<(long Id, int TimeoutMs)> sessions)
    {
        var nodes = new NodeImage[tree.NodeCount];
        var i = 0;
        foreach (var (path, node) in tree.Nodes)
            nodes[i++] = NodeImage.Of(path, node);
        return new SnapshotImage(zxid, tree.DigestEnabled ? tree.Digest : null, [.. sessions], nodes);
    }

    /// <summary>
    /// The nodes ordered by depth, so every parent comes before its children: what Java's and our
    /// snapshot readers need (a missing parent is "Invalid Datatree"). Runs on the writer's thread.
    /// </summary>
    public IEnumerable<NodeImage> ParentsFirst()
    {
        var depths = new int[Nodes.Length];
        var maxDepth = 0;
        for (var i = 0; i < Nodes.Length; i++)
        {
            depths[i] = Depth(Nodes[i].Path);
            maxDepth = Math.Max(maxDepth, depths[i]);
        }

        var byDepth = new List<int>[maxDepth + 1];
        for (var i = 0; i < Nodes.Length; i++)
            (byDepth[depths[i]] ??= []).Add(i);
        foreach (var level in byDepth)
        {
            foreach (var index in level ?? [])
                yield return Nodes[index];
        }
    }

    private static int Depth(byte[] path) => path.Length == 1 ? 0 : path.AsSpan().Count((byte)'/');
}

/// <summary>One node of a snapshot image: its path (UTF-8, the tree's key), shared data and ACL, and its stat values.</summary>
internal readonly record struct NodeImage(
    byte[] Path,
    byte[]? Data,
    IReadOnlyList<Acl> Acls,
    Zxid Czxid,
    Zxid Mzxid,
    long Ctime,
    long Mtime,
    int Version,
    int Cversion,
    int Aversion,
    long EphemeralOwner,
    Zxid Pzxid)
{
    public static NodeImage Of(byte[] path, DataNode node) => new(
        path, node.Data, node.Acls, node.Czxid, node.Mzxid, node.Ctime, node.Mtime, node.Version, node.Cversion, node.Aversion, node.EphemeralOwner, node.Pzxid);

    /// <summary>StatPersisted's layout (PROTOCOL.md §3.4).</summary>
    public void WriteStat(JuteWriter writer)
    {
        writer.WriteLong(Czxid.Value);
        writer.WriteLong(Mzxid.Value);
        writer.WriteLong(Ctime);
        writer.WriteLong(Mtime);
        writer.WriteInt(Version);
        writer.WriteInt(Cversion);
        writer.WriteInt(Aversion);
        writer.WriteLong(EphemeralOwner);
        writer.WriteLong(Pzxid.Value);
    }
}
