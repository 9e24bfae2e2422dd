using ZkCompat.Protocol.Ids;
using ZkCompat.Protocol.Records;

namespace ZkCompat.Server.Tree;

/// <summary>
/// One znode: data, ACL and the persisted stat fields (PROTOCOL.md §3.4). Reads get the same
/// immutable <see cref="Stat"/> and getData reply until the node changes (every setter drops
/// them), so a steady read load allocates none; leaves carry no children set.
/// </summary>
internal sealed class DataNode
{
    private byte[]? _data;
    private IReadOnlyList<Acl> _acls;
    private Zxid _mzxid;
    private Zxid _pzxid;
    private long _mtime;
    private int _version;
    private int _cversion;
    private int _aversion;
    private HashSet<string>? _children;
    private Stat? _stat;
    private GetDataResponse? _dataReply;

    public DataNode(byte[]? data, IReadOnlyList<Acl> acls, Zxid zxid, long time, long ephemeralOwner)
    {
        _data = data;
        _acls = acls;
        Czxid = _mzxid = _pzxid = zxid;
        Ctime = _mtime = time;
        EphemeralOwner = ephemeralOwner;
    }

    /// <summary>A node as read back from a snapshot.</summary>
    public static DataNode Restore(byte[]? data, IReadOnlyList<Acl> acls, StatPersisted stat) => new(data, acls, stat.Czxid, stat.Ctime, stat.EphemeralOwner)
    {
        Mzxid = stat.Mzxid,
        Pzxid = stat.Pzxid,
        Mtime = stat.Mtime,
        Version = stat.Version,
        Cversion = stat.Cversion,
        Aversion = stat.Aversion,
    };

    /// <summary>The stat as written to snapshots (§3.4).</summary>
    public StatPersisted ToStatPersisted() =>
        new(Czxid, Mzxid, Ctime, Mtime, Version, Cversion, Aversion, EphemeralOwner, Pzxid);

    public byte[]? Data { get => _data; set => Changed(_data = value); }

    public IReadOnlyList<Acl> Acls { get => _acls; set => _acls = value; }

    public Zxid Czxid { get; }

    public Zxid Mzxid { get => _mzxid; set => Changed(_mzxid = value); }

    public Zxid Pzxid { get => _pzxid; set => Changed(_pzxid = value); }

    public long Ctime { get; }

    public long Mtime { get => _mtime; set => Changed(_mtime = value); }

    public int Version { get => _version; set => Changed(_version = value); }

    /// <summary>Stored cversion: counts child creations only (§3.4).</summary>
    public int Cversion { get => _cversion; set => Changed(_cversion = value); }

    public int Aversion { get => _aversion; set => Changed(_aversion = value); }

    /// <summary>Stored owner: a session id, or the container / TTL markers of §7.4.</summary>
    public long EphemeralOwner { get; }

    /// <summary>This node's term of the tree digest as last computed (<see cref="DataTree"/> keeps it current), as Java caches it.</summary>
    public long Digest { get; set; }

    /// <summary>The children's names.</summary>
    public IReadOnlyCollection<string> Children => (IReadOnlyCollection<string>?)_children ?? [];

    public bool HasChild(string name) => _children?.Contains(name) == true;

    public void AddChild(string name)
    {
        (_children ??= new HashSet<string>(StringComparer.Ordinal)).Add(name);
        Changed(0);
    }

    public void RemoveChild(string name)
    {
        _children?.Remove(name);
        Changed(0);
    }

    /// <summary>The Stat clients see: reported cversion and owner are derived (§3.4, Q3, Q10).</summary>
    public Stat ToStat() => _stat ??= new(
        Czxid,
        Mzxid,
        Ctime,
        Mtime,
        Version,
        (2 * Cversion) - Children.Count,
        Aversion,
        EphemeralKind.IsSession(EphemeralOwner) ? EphemeralOwner : 0,
        Data?.Length ?? 0,
        Children.Count,
        Pzxid);

    /// <summary>The getData reply body for the node as it is now.</summary>
    public GetDataResponse ToDataReply() => _dataReply ??= new GetDataResponse(Data, ToStat());

    /// <summary>Drops the cached replies; takes the assigned value only so setters stay one expression.</summary>
    private void Changed<T>(T _)
    {
        _stat = null;
        _dataReply = null;
    }
}
