using ZkCompat.Protocol.Codes;
using ZkCompat.Protocol.Ids;
using ZkCompat.Protocol.Records;
using ZkCompat.Server.Metrics;
using ZkCompat.Server.Security;

namespace ZkCompat.Server.Tree;

/// <summary>
/// The znode tree. It only changes through the Apply* methods, which the single apply loop calls
/// in zxid order; each returns the <see cref="ChangeEvent"/>s for the watch manager (§5.3). The
/// Apply* methods tolerate replays over a fuzzy snapshot (Java's rules): creating an existing
/// node, or touching a missing one, changes nothing.
/// </summary>
internal sealed class DataTree
{
    public const string ZooKeeperPath = "/zookeeper";
    public const string QuotaPath = "/zookeeper/quota";
    public const string ConfigPath = "/zookeeper/config";

    private readonly Dictionary<string, DataNode> _nodes;
    private readonly Dictionary<long, HashSet<string>> _ephemerals = [];
    private readonly HashSet<string> _containers = new(StringComparer.Ordinal);
    private readonly HashSet<string> _ttls = new(StringComparer.Ordinal);
    private readonly AclInterner _acls = new();

    public DataTree()
    {
        _nodes = new(StringComparer.Ordinal);
        Quotas = new Quotas(this);
        Add("/", new DataNode([], Acls.Open, Zxid.Zero, 0));
        Add(ZooKeeperPath, new DataNode([], Acls.Open, Zxid.Zero, 0));
        Add(QuotaPath, new DataNode([], Acls.Open, Zxid.Zero, 0));
        Add(ConfigPath, new DataNode([], Acls.ReadOnly, Zxid.Zero, 0) { Aversion = -1 });
    }

    private DataTree(int capacity)
    {
        _nodes = new(capacity, StringComparer.Ordinal);
        Quotas = new Quotas(this);
    }

    public int NodeCount => _nodes.Count;

    /// <summary>
    /// An ensemble member's /zookeeper/config: the membership text, version -1 and mzxid the config
    /// version, as Java's initConfigInZKDatabase leaves it. Outside the digest (/zookeeper/...).
    /// </summary>
    public void SetConfig(byte[] text, long configVersion, long wallMs)
    {
        var node = _nodes[ConfigPath];
        node.Data = text;
        node.Version = -1;
        node.Mzxid = new Zxid(configVersion);
        node.Mtime = wallMs;
    }

    /// <summary>Java's tree digest: the sum of every node's digest, mod 2^64 (§11.9).</summary>
    public long Digest { get; private set; }

    /// <summary>
    /// A tree filled from a snapshot: nodes in pre-order, every parent before its children. The
    /// node table is sized once for them all; a node's parent is found without making its path
    /// (siblings come together, so it is mostly the previous node's parent).
    /// </summary>
    public static DataTree FromNodes(IReadOnlyCollection<(string Path, DataNode Node)> nodes)
    {
        var tree = new DataTree(nodes.Count);
        var byPath = tree._nodes.GetAlternateLookup<ReadOnlySpan<char>>();
        var lastParentPath = "";
        DataNode? lastParent = null;
        foreach (var (path, node) in nodes)
        {
            DataNode? parent = null;
            if (path != "/")
            {
                var parentPath = PathRules.ParentOf(path);
                if (lastParent is not null && parentPath.SequenceEqual(lastParentPath))
                    parent = lastParent;
                else if (byPath.TryGetValue(parentPath, out var key, out parent))
                    (lastParentPath, lastParent) = (key, parent);
                else
                    throw new InvalidDataException($"Invalid Datatree, unable to find parent of path {path}");
            }

            tree.Add(path, node, parent);
        }

        if (tree.Get("/") is null)
            throw new InvalidDataException("snapshot has no root node");
        foreach (var node in tree._nodes.Values)
            node.TrimChildren();
        tree.Quotas.Rebuild();
        return tree;
    }

    /// <summary>Where applied writes are counted per namespace (write_per_namespace); none while recovering.</summary>
    public MetricRegistry? Metrics { get; set; }

    /// <summary>Quota roots and their live stats.</summary>
    public Quotas Quotas { get; }

    /// <summary>A node and all its descendants.</summary>
    public IEnumerable<DataNode> Subtree(string path)
    {
        if (!_nodes.TryGetValue(path, out var node))
            yield break;
        yield return node;
        foreach (var child in node.ChildPaths.ToList())
        {
            foreach (var below in Subtree(child))
                yield return below;
        }
    }

    /// <summary>The paths of a node and all its descendants, in pre-order.</summary>
    public IEnumerable<string> SubtreePaths(string path)
    {
        if (!_nodes.TryGetValue(path, out var node))
            yield break;
        yield return path;
        foreach (var child in node.ChildPaths.ToList())
        {
            foreach (var below in SubtreePaths(child))
                yield return below;
        }
    }

    public DataNode? Get(string path) => _nodes.GetValueOrDefault(path);

    /// <summary>Every node by path, in no particular order (a snapshot capture orders them off the loop).</summary>
    public IReadOnlyDictionary<string, DataNode> Nodes => _nodes;

    /// <summary>Container nodes, for the container manager (§7.4).</summary>
    public IReadOnlyCollection<string> Containers => _containers;

    /// <summary>TTL nodes, for the container manager (§7.4).</summary>
    public IReadOnlyCollection<string> Ttls => _ttls;

    public IReadOnlyCollection<string> EphemeralsOf(long sessionId) =>
        _ephemerals.TryGetValue(sessionId, out var paths) ? paths : [];

    public static bool IsBuiltIn(string path) =>
        path is "/" or ZooKeeperPath or QuotaPath or ConfigPath;

    /// <summary>Every node in pre-order, children in set order: the order of a snapshot (§12.3).</summary>
    public IEnumerable<(string Path, DataNode Node)> PreOrder()
    {
        var stack = new Stack<string>();
        stack.Push("/");
        while (stack.Count > 0)
        {
            var path = stack.Pop();
            var node = _nodes[path];
            yield return (path, node);
            foreach (var child in node.ChildPaths.Reverse())
                stack.Push(child);
        }
    }

    public void ApplyCreate(string path, byte[]? data, IReadOnlyList<Acl> acls, long ephemeralOwner, int parentCversion, Zxid zxid, long time, List<ChangeEvent> events)
    {
        var parentPath = PathRules.Parent(path);
        if (!_nodes.TryGetValue(parentPath, out var parent) || parent.HasChild(path))
            return;
        // A replay over a fuzzy snapshot must not move the counter back (Java's createNode).
        if (parentCversion > parent.Cversion)
        {
            Unhash(parentPath, parent);
            parent.Cversion = parentCversion;
            parent.Pzxid = zxid;
            Rehash(parentPath, parent);
        }

        Add(path, DataNode.Create(data, _acls.Intern(acls), zxid, time, ephemeralOwner));
        Quotas.Created(path, data?.Length ?? 0);
        Metrics?.NodeWritten(path, data?.Length ?? 0);
        events.Add(new ChangeEvent(EventType.NodeCreated, path));
        events.Add(new ChangeEvent(EventType.NodeChildrenChanged, parentPath));
    }

    public void ApplyDelete(string path, Zxid zxid, List<ChangeEvent> events)
    {
        if (!_nodes.Remove(path, out var node))
            return;
        Unhash(path, node);
        _containers.Remove(path);
        _ttls.Remove(path);
        if (EphemeralKind.IsSession(node.EphemeralOwner) && _ephemerals.TryGetValue(node.EphemeralOwner, out var paths))
        {
            paths.Remove(path);
            if (paths.Count == 0)
                _ephemerals.Remove(node.EphemeralOwner);
        }

        var parentPath = PathRules.Parent(path);
        if (_nodes.TryGetValue(parentPath, out var parent))
        {
            Unhash(parentPath, parent);
            parent.RemoveChild(path);
            if (zxid > parent.Pzxid)
                parent.Pzxid = zxid;
            Rehash(parentPath, parent);
        }

        Quotas.Deleted(path, node.Data?.Length ?? 0);
        Metrics?.NodeWritten(path, 0);
        events.Add(new ChangeEvent(EventType.NodeDeleted, path));
        events.Add(new ChangeEvent(EventType.NodeChildrenChanged, parentPath));
    }

    public void ApplySetData(string path, byte[]? data, int version, Zxid zxid, long time, List<ChangeEvent> events)
    {
        if (!_nodes.TryGetValue(path, out var node))
            return;
        Quotas.DataChanged(path, (data?.Length ?? 0) - (node.Data?.Length ?? 0));
        Unhash(path, node);
        node.Data = data;
        node.Version = version;
        node.Mzxid = zxid;
        node.Mtime = time;
        Rehash(path, node);
        Metrics?.NodeWritten(path, data?.Length ?? 0);
        events.Add(new ChangeEvent(EventType.NodeDataChanged, path));
    }

    public void ApplySetAcl(string path, IReadOnlyList<Acl> acls, int aversion)
    {
        if (!_nodes.TryGetValue(path, out var node))
            return;
        Unhash(path, node);
        node.Acls = _acls.Intern(acls);
        node.Aversion = aversion;
        Rehash(path, node);
    }

    /// <summary>Total descendants of a node (getAllChildrenNumber, §3.3).</summary>
    public int CountDescendants(string path)
    {
        if (!_nodes.TryGetValue(path, out var node))
            return 0;
        var total = 0;
        foreach (var child in node.ChildPaths)
            total += 1 + CountDescendants(child);
        return total;
    }

    private void Add(string path, DataNode node, DataNode? parent = null)
    {
        _nodes[path] = node;
        Rehash(path, node);
        if (path != "/")
            (parent ?? _nodes[PathRules.Parent(path)]).AddChild(path);
        if (EphemeralKind.IsContainer(node.EphemeralOwner))
            _containers.Add(path);
        else if (EphemeralKind.IsTtl(node.EphemeralOwner))
            _ttls.Add(path);
        else if (EphemeralKind.IsSession(node.EphemeralOwner))
        {
            if (!_ephemerals.TryGetValue(node.EphemeralOwner, out var paths))
                _ephemerals[node.EphemeralOwner] = paths = new HashSet<string>(StringComparer.Ordinal);
            paths.Add(path);
        }
    }

    /// <summary>
    /// Takes a node's term out of the tree digest before it changes; <see cref="Rehash"/> puts the
    /// new one in after. The term is computed again rather than kept per node (8 bytes a znode).
    /// </summary>
    private void Unhash(string path, DataNode node) => Digest -= NodeDigest.Of(path, node);

    private void Rehash(string path, DataNode node) => Digest += NodeDigest.Of(path, node);
}
