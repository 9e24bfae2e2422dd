using ZkCompat.Protocol.Ids;
using ZkCompat.Protocol.Records;

namespace ZkCompat.Server.Tree;

/// <summary>
/// One znode: data, ACL and the persisted stat fields (PROTOCOL.md §3.4). Reads get the same
/// immutable getData reply (and its <see cref="Stat"/>) until the node changes (every setter
/// drops it), so a steady read load allocates none. The ACL and the cached reply share one field:
/// it holds the ACL list, or a <see cref="CachedReply"/> with both once the node has been read. What only parents need (children, pzxid,
/// cversion) lives in a <see cref="NodeFamily"/> made when a node first differs from a leaf, so
/// the million leaves of a big tree carry one reference for it. The children set holds the
/// children's full paths — the tree's own key strings, so a child costs a set entry, not another
/// string. Most nodes have no owner: only <see cref="OwnedDataNode"/> stores one.
/// </summary>
internal class DataNode
{
    private byte[]? _data;
    private object _aclsOrReply;
    private Zxid _mzxid;
    private long _mtime;
    private int _version;
    private int _aversion;
    private NodeFamily? _family;

    /// <summary>A node without an owner (<see cref="Create"/> makes one with any owner).</summary>
    public DataNode(byte[]? data, IReadOnlyList<Acl> acls, Zxid zxid, long time)
    {
        _data = data;
        _aclsOrReply = acls;
        Czxid = _mzxid = zxid;
        Ctime = _mtime = time;
    }

    /// <summary>A node with <paramref name="ephemeralOwner"/>: a plain node for 0, else one that keeps it.</summary>
    public static DataNode Create(byte[]? data, IReadOnlyList<Acl> acls, Zxid zxid, long time, long ephemeralOwner) =>
        ephemeralOwner == 0 ? new DataNode(data, acls, zxid, time) : new OwnedDataNode(data, acls, zxid, time, ephemeralOwner);

    public byte[]? Data { get => _data; set => Changed(_data = value); }

    public IReadOnlyList<Acl> Acls
    {
        get => _aclsOrReply is CachedReply cached ? cached.Acls : (IReadOnlyList<Acl>)_aclsOrReply;
        set => _aclsOrReply = value;
    }

    public Zxid Czxid { get; }

    public Zxid Mzxid { get => _mzxid; set => Changed(_mzxid = value); }

    /// <summary>The zxid of the last child change; a leaf's is its czxid.</summary>
    public Zxid Pzxid
    {
        get => _family?.Pzxid ?? Czxid;
        set
        {
            if (_family is not null || value != Czxid)
                Family.Pzxid = value;
            Changed(0);
        }
    }

    public long Ctime { get; }

    public long Mtime { get => _mtime; set => Changed(_mtime = value); }

    public int Version { get => _version; set => Changed(_version = value); }

    /// <summary>Stored cversion: counts child creations only (§3.4).</summary>
    public int Cversion
    {
        get => _family?.Cversion ?? 0;
        set
        {
            if (_family is not null || value != 0)
                Family.Cversion = value;
            Changed(0);
        }
    }

    public int Aversion { get => _aversion; set => Changed(_aversion = value); }

    /// <summary>Stored owner: a session id, or the container / TTL markers of §7.4; 0 for most nodes.</summary>
    public virtual long EphemeralOwner => 0;

    /// <summary>The children's names (getChildren); made on each enumeration from their paths.</summary>
    public IReadOnlyCollection<string> Children => _family?.Children is { } children ? new ChildNames(children) : [];

    /// <summary>The children's full paths (UTF-8, the tree's own keys).</summary>
    public IReadOnlyCollection<byte[]> ChildPaths => (IReadOnlyCollection<byte[]>?)_family?.Children ?? [];

    public int ChildCount => _family?.Children?.Count ?? 0;

    /// <summary>Gives back the children set's spare room (after recovery built it child by child).</summary>
    public void TrimChildren() => _family?.Children?.TrimExcess();

    /// <summary>Adds a child by its full path; pass the tree's key so the two share it.</summary>
    public void AddChild(byte[] childPath)
    {
        (Family.Children ??= new HashSet<byte[]>(Utf8Path.Comparer)).Add(childPath);
        Changed(0);
    }

    public void RemoveChild(byte[] childPath)
    {
        _family?.Children?.Remove(childPath);
        Changed(0);
    }

    private NodeFamily Family => _family ??= new NodeFamily { Pzxid = Czxid };

    /// <summary>The Stat clients see: reported cversion and owner are derived (§3.4, Q3, Q10).</summary>
    public Stat ToStat() => ToDataReply().Stat;

    /// <summary>The getData reply body for the node as it is now.</summary>
    public GetDataResponse ToDataReply()
    {
        if (_aclsOrReply is CachedReply cached)
            return cached.Reply;
        var reply = NewDataReply();
        _aclsOrReply = new CachedReply(Acls, reply);
        return reply;
    }

    private GetDataResponse NewDataReply() => new(Data, new Stat(
        Czxid,
        Mzxid,
        Ctime,
        Mtime,
        Version,
        (2 * Cversion) - ChildCount,
        Aversion,
        EphemeralKind.IsSession(EphemeralOwner) ? EphemeralOwner : 0,
        Data?.Length ?? 0,
        ChildCount,
        Pzxid));

    /// <summary>Drops the cached reply; takes the assigned value only so setters stay one expression.</summary>
    private void Changed<T>(T _)
    {
        if (_aclsOrReply is CachedReply cached)
            _aclsOrReply = cached.Acls;
    }

    private sealed record CachedReply(IReadOnlyList<Acl> Acls, GetDataResponse Reply);

    /// <summary>Names from full paths: what follows the last slash.</summary>
    private sealed class ChildNames(HashSet<byte[]> paths) : IReadOnlyCollection<string>
    {
        public int Count => paths.Count;

        public IEnumerator<string> GetEnumerator()
        {
            foreach (var path in paths)
                yield return Utf8Path.Name(path);
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
