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
/// node, or touching a missing one, changes nothing. Paths are kept once, as UTF-8 keys
/// (<see cref="Utf8Path"/>) the node table, the children sets and the indexes share; lookups by a
/// request's string allocate nothing.
/// </summary>
internal sealed class DataTree
{
    public const string ZooKeeperPath = "/zookeeper";
    public const string QuotaPath = "/zookeeper/quota";
    public const string ConfigPath = "/zookeeper/config";

    private readonly Dictionary<byte[], DataNode> _nodes;
    private readonly Dictionary<byte[], DataNode>.AlternateLookup<ReadOnlySpan<char>> _byPath;
    private readonly Dictionary<long, HashSet<byte[]>> _ephemerals = [];
    private readonly HashSet<byte[]> _containers = new(Utf8Path.Comparer);
    private readonly HashSet<byte[]> _ttls = new(Utf8Path.Comparer);
    private readonly AclInterner _acls = new();

    /// <param name="digestEnabled">zookeeper.digest.enabled: false keeps <see cref="Digest"/> at 0 and computes no node digest, as Java.</param>
    public DataTree(bool digestEnabled = true)
        : this(0, digestEnabled)
    {
        Add(Utf8Path.Root, new DataNode([], Acls.Open, Zxid.Zero, 0));
        Add(Utf8Path.Encode(ZooKeeperPath), new DataNode([], Acls.Open, Zxid.Zero, 0));
        Add(Utf8Path.Encode(QuotaPath), new DataNode([], Acls.Open, Zxid.Zero, 0));
        Add(Utf8Path.Encode(ConfigPath), new DataNode([], Acls.ReadOnly, Zxid.Zero, 0) { Aversion = -1 });
    }

    private DataTree(int capacity, bool digestEnabled)
    {
        DigestEnabled = digestEnabled;
        _nodes = new(capacity, Utf8Path.Comparer);
        _byPath = _nodes.GetAlternateLookup<ReadOnlySpan<char>>();
        Quotas = new Quotas(this);
    }

    public int NodeCount => _nodes.Count;

    /// <summary>
    /// An ensemble member's /zookeeper/config: the membership text, version -1 and mzxid the config
    /// version, as Java's initConfigInZKDatabase leaves it. Outside the digest (/zookeeper/...).
    /// </summary>
    public void SetConfig(byte[] text, long configVersion, long wallMs)
    {
        var node = _byPath[ConfigPath];
        node.Data = text;
        node.Version = -1;
        node.Mzxid = new Zxid(configVersion);
        node.Mtime = wallMs;
    }

    /// <summary>Java's tree digest: the sum of every node's digest, mod 2^64 (§11.9); always 0 when digests are off.</summary>
    public long Digest { get; private set; }

    /// <summary>zookeeper.digest.enabled: whether the tree keeps <see cref="Digest"/> (and txns and snapshots carry it).</summary>
    public bool DigestEnabled { get; }

    /// <summary>The digest log the <c>hash</c> command prints.</summary>
    public DigestHistory DigestLog { get; } = new();

    /// <summary>Records the digest after a whole txn (a multi's ops count as one) for <see cref="DigestLog"/>.</summary>
    public void Applied(Zxid zxid) => DigestLog.Applied(zxid, Digest);

    /// <summary>
    /// A tree filled from a snapshot: nodes in pre-order, every parent before its children. The
    /// node table is sized once for them all; a node's parent is found without making its path
    /// (siblings come together, so it is mostly the previous node's parent).
    /// </summary>
    public static DataTree FromNodes(IReadOnlyCollection<(byte[] Path, DataNode Node)> nodes, bool digestEnabled = true)
    {
        var tree = new DataTree(nodes.Count, digestEnabled);
        var byBytes = tree._nodes.GetAlternateLookup<ReadOnlySpan<byte>>();
        byte[] lastParentPath = [];
        DataNode? lastParent = null;
        foreach (var (path, node) in nodes)
        {
            DataNode? parent = null;
            if (!path.AsSpan().SequenceEqual(Utf8Path.Root))
            {
                var parentPath = Utf8Path.ParentOf(path);
                if (lastParent is not null && parentPath.SequenceEqual(lastParentPath))
                    parent = lastParent;
                else if (byBytes.TryGetValue(parentPath, out var key, out parent))
                    (lastParentPath, lastParent) = (key, parent);
                else
                    throw new InvalidDataException($"Invalid Datatree, unable to find parent of path {Utf8Path.Decode(path)}");
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
    public IEnumerable<DataNode> Subtree(string path) =>
        _byPath.TryGetValue(path, out var key, out _) ? SubtreeOf(key).Select(k => _nodes[k]) : [];

    /// <summary>The paths of a node and all its descendants, in pre-order.</summary>
    public IEnumerable<string> SubtreePaths(string path) =>
        _byPath.TryGetValue(path, out var key, out _) ? SubtreeOf(key).Select(Utf8Path.Decode) : [];

    public DataNode? Get(string path) => _byPath.TryGetValue(path, out var node) ? node : null;

    /// <summary>Every node by its UTF-8 path, in no particular order (a snapshot capture orders them off the loop).</summary>
    public IReadOnlyDictionary<byte[], DataNode> Nodes => _nodes;

    /// <summary>Container nodes, for the container manager (§7.4).</summary>
    public IReadOnlyCollection<string> Containers => Decoded(_containers);

    /// <summary>TTL nodes, for the container manager (§7.4).</summary>
    public IReadOnlyCollection<string> Ttls => Decoded(_ttls);

    public IReadOnlyCollection<string> EphemeralsOf(long sessionId) =>
        _ephemerals.TryGetValue(sessionId, out var paths) ? Decoded(paths) : [];

    public static bool IsBuiltIn(string path) =>
        path is "/" or ZooKeeperPath or QuotaPath or ConfigPath;

    /// <summary>Every node in pre-order, children in set order: the order of a snapshot (§12.3).</summary>
    public IEnumerable<(string Path, DataNode Node)> PreOrder() => SubtreeOf(Utf8Path.Root).Select(k => (Utf8Path.Decode(k), _nodes[k]));

    public void ApplyCreate(string path, byte[]? data, IReadOnlyList<Acl> acls, long ephemeralOwner, int parentCversion, Zxid zxid, long time, List<ChangeEvent> events)
    {
        if (!_byPath.TryGetValue(PathRules.ParentOf(path), out var parentKey, out var parent) || _byPath.ContainsKey(path))
            return;
        // A replay over a fuzzy snapshot must not move the counter back (Java's createNode).
        if (parentCversion > parent.Cversion)
        {
            Unhash(parentKey, parent);
            parent.Cversion = parentCversion;
            parent.Pzxid = zxid;
            Rehash(parentKey, parent);
        }

        Add(Utf8Path.Encode(path), DataNode.Create(data, _acls.Intern(acls), zxid, time, ephemeralOwner), parent);
        Quotas.Created(path, data?.Length ?? 0);
        Metrics?.NodeWritten(path, data?.Length ?? 0);
        events.Add(new ChangeEvent(EventType.NodeCreated, path));
        events.Add(new ChangeEvent(EventType.NodeChildrenChanged, PathRules.Parent(path)));
    }

    public void ApplyDelete(string path, Zxid zxid, List<ChangeEvent> events)
    {
        if (!_byPath.Remove(path, out var key, out var node))
            return;
        Unhash(key, node);
        _containers.Remove(key);
        _ttls.Remove(key);
        if (EphemeralKind.IsSession(node.EphemeralOwner) && _ephemerals.TryGetValue(node.EphemeralOwner, out var paths))
        {
            paths.Remove(key);
            if (paths.Count == 0)
                _ephemerals.Remove(node.EphemeralOwner);
        }

        var parentPath = PathRules.Parent(path);
        if (_byPath.TryGetValue(parentPath, out var parentKey, out var parent))
        {
            Unhash(parentKey, parent);
            parent.RemoveChild(key);
            if (zxid > parent.Pzxid)
                parent.Pzxid = zxid;
            Rehash(parentKey, parent);
        }

        Quotas.Deleted(path, node.Data?.Length ?? 0);
        Metrics?.NodeWritten(path, 0);
        events.Add(new ChangeEvent(EventType.NodeDeleted, path));
        events.Add(new ChangeEvent(EventType.NodeChildrenChanged, parentPath));
    }

    public void ApplySetData(string path, byte[]? data, int version, Zxid zxid, long time, List<ChangeEvent> events)
    {
        if (!_byPath.TryGetValue(path, out var key, out var node))
            return;
        Quotas.DataChanged(path, (data?.Length ?? 0) - (node.Data?.Length ?? 0));
        Unhash(key, node);
        node.Data = data;
        node.Version = version;
        node.Mzxid = zxid;
        node.Mtime = time;
        Rehash(key, node);
        Metrics?.NodeWritten(path, data?.Length ?? 0);
        events.Add(new ChangeEvent(EventType.NodeDataChanged, path));
    }

    public void ApplySetAcl(string path, IReadOnlyList<Acl> acls, int aversion)
    {
        if (!_byPath.TryGetValue(path, out var key, out var node))
            return;
        Unhash(key, node);
        node.Acls = _acls.Intern(acls);
        node.Aversion = aversion;
        Rehash(key, node);
    }

    /// <summary>Total descendants of a node (getAllChildrenNumber, §3.3).</summary>
    public int CountDescendants(string path) =>
        _byPath.TryGetValue(path, out var key, out _) ? SubtreeOf(key).Count() - 1 : 0;

    /// <summary>A node's key and its descendants' in pre-order, children in set order.</summary>
    private IEnumerable<byte[]> SubtreeOf(byte[] key)
    {
        var stack = new Stack<byte[]>();
        stack.Push(key);
        while (stack.Count > 0)
        {
            var path = stack.Pop();
            yield return path;
            foreach (var child in _nodes[path].ChildPaths.Reverse())
                stack.Push(child);
        }
    }

    private static List<string> Decoded(HashSet<byte[]> paths) => [.. paths.Select(Utf8Path.Decode)];

    /// <summary>Adds a node under its UTF-8 path; <paramref name="parent"/> when the caller has it (every node but the root has one).</summary>
    private void Add(byte[] path, DataNode node, DataNode? parent = null)
    {
        _nodes[path] = node;
        Rehash(path, node);
        if (path.Length > 1)
            (parent ?? _nodes.GetAlternateLookup<ReadOnlySpan<byte>>()[Utf8Path.ParentOf(path)]).AddChild(path);
        if (EphemeralKind.IsContainer(node.EphemeralOwner))
            _containers.Add(path);
        else if (EphemeralKind.IsTtl(node.EphemeralOwner))
            _ttls.Add(path);
        else if (EphemeralKind.IsSession(node.EphemeralOwner))
        {
            if (!_ephemerals.TryGetValue(node.EphemeralOwner, out var paths))
                _ephemerals[node.EphemeralOwner] = paths = new HashSet<byte[]>(Utf8Path.Comparer);
            paths.Add(path);
        }
    }

    /// <summary>
    /// Takes a node's term out of the tree digest before it changes; <see cref="Rehash"/> puts the
    /// new one in after. The term is computed again rather than kept per node (8 bytes a znode).
    /// </summary>
    private void Unhash(byte[] path, DataNode node)
    {
        if (DigestEnabled)
            Digest -= NodeDigest.Of(path, node);
    }

    private void Rehash(byte[] path, DataNode node)
    {
        if (DigestEnabled)
            Digest += NodeDigest.Of(path, node);
    }
}
