using ZkCompat.Protocol.Codes;
using ZkCompat.Protocol.Ids;
using ZkCompat.Protocol.Records;
using ZkCompat.Server.Security;

namespace ZkCompat.Server.Tree;

/// <summary>
/// The znode tree. It only changes through the Apply* methods, which the single apply loop calls
/// in zxid order; each returns the <see cref="ChangeEvent"/>s for the watch manager (§5.3).
/// </summary>
internal sealed class DataTree
{
    public const string ZooKeeperPath = "/zookeeper";
    public const string QuotaPath = "/zookeeper/quota";
    public const string ConfigPath = "/zookeeper/config";

    private readonly Dictionary<string, DataNode> _nodes = new(StringComparer.Ordinal);
    private readonly Dictionary<long, HashSet<string>> _ephemerals = [];

    public DataTree()
    {
        _nodes["/"] = new DataNode([], Acls.Open, Zxid.Zero, 0, 0);
        AddBuiltIn(ZooKeeperPath, Acls.Open);
        AddBuiltIn(QuotaPath, Acls.Open);
        AddBuiltIn(ConfigPath, Acls.ReadOnly).Aversion = -1;
    }

    public int NodeCount => _nodes.Count;

    public DataNode? Get(string path) => _nodes.GetValueOrDefault(path);

    public IReadOnlyCollection<string> EphemeralsOf(long sessionId) =>
        _ephemerals.TryGetValue(sessionId, out var paths) ? paths : [];

    public static bool IsBuiltIn(string path) =>
        path is "/" or ZooKeeperPath or QuotaPath or ConfigPath;

    public void ApplyCreate(string path, byte[]? data, IReadOnlyList<Acl> acls, long ephemeralOwner, int parentCversion, Zxid zxid, long time, List<ChangeEvent> events)
    {
        var parentPath = PathRules.Parent(path);
        var parent = _nodes[parentPath];
        _nodes[path] = new DataNode(data, acls, zxid, time, ephemeralOwner);
        parent.Children.Add(PathRules.Name(path));
        parent.Cversion = parentCversion;
        parent.Pzxid = zxid;
        if (EphemeralKind.IsSession(ephemeralOwner))
        {
            if (!_ephemerals.TryGetValue(ephemeralOwner, out var paths))
                _ephemerals[ephemeralOwner] = paths = new HashSet<string>(StringComparer.Ordinal);
            paths.Add(path);
        }

        events.Add(new ChangeEvent(EventType.NodeCreated, path));
        events.Add(new ChangeEvent(EventType.NodeChildrenChanged, parentPath));
    }

    public void ApplyDelete(string path, Zxid zxid, List<ChangeEvent> events)
    {
        if (!_nodes.Remove(path, out var node))
            return;
        var parentPath = PathRules.Parent(path);
        var parent = _nodes[parentPath];
        parent.Children.Remove(PathRules.Name(path));
        if (zxid > parent.Pzxid)
            parent.Pzxid = zxid;
        if (EphemeralKind.IsSession(node.EphemeralOwner) && _ephemerals.TryGetValue(node.EphemeralOwner, out var paths))
        {
            paths.Remove(path);
            if (paths.Count == 0)
                _ephemerals.Remove(node.EphemeralOwner);
        }

        events.Add(new ChangeEvent(EventType.NodeDeleted, path));
        events.Add(new ChangeEvent(EventType.NodeChildrenChanged, parentPath));
    }

    public void ApplySetData(string path, byte[]? data, int version, Zxid zxid, long time, List<ChangeEvent> events)
    {
        var node = _nodes[path];
        node.Data = data;
        node.Version = version;
        node.Mzxid = zxid;
        node.Mtime = time;
        events.Add(new ChangeEvent(EventType.NodeDataChanged, path));
    }

    public void ApplySetAcl(string path, IReadOnlyList<Acl> acls, int aversion)
    {
        var node = _nodes[path];
        node.Acls = acls;
        node.Aversion = aversion;
    }

    /// <summary>Total descendants of a node (getAllChildrenNumber, §3.3).</summary>
    public int CountDescendants(string path)
    {
        if (!_nodes.TryGetValue(path, out var node))
            return 0;
        var total = 0;
        foreach (var name in node.Children)
            total += 1 + CountDescendants(PathRules.Child(path, name));
        return total;
    }

    private DataNode AddBuiltIn(string path, IReadOnlyList<Acl> acls)
    {
        var node = new DataNode([], acls, Zxid.Zero, 0, 0);
        _nodes[path] = node;
        _nodes[PathRules.Parent(path)].Children.Add(PathRules.Name(path));
        return node;
    }
}
