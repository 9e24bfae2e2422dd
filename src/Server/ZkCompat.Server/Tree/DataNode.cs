using ZkCompat.Protocol.Ids;
using ZkCompat.Protocol.Records;

namespace ZkCompat.Server.Tree;

/// <summary>One znode: data, ACL and the persisted stat fields (PROTOCOL.md §3.4).</summary>
internal sealed class DataNode
{
    public DataNode(byte[]? data, IReadOnlyList<Acl> acls, Zxid zxid, long time, long ephemeralOwner)
    {
        Data = data;
        Acls = acls;
        Czxid = Mzxid = Pzxid = zxid;
        Ctime = Mtime = time;
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

    public byte[]? Data { get; set; }

    public IReadOnlyList<Acl> Acls { get; set; }

    public Zxid Czxid { get; }

    public Zxid Mzxid { get; set; }

    public Zxid Pzxid { get; set; }

    public long Ctime { get; }

    public long Mtime { get; set; }

    public int Version { get; set; }

    /// <summary>Stored cversion: counts child creations only (§3.4).</summary>
    public int Cversion { get; set; }

    public int Aversion { get; set; }

    /// <summary>Stored owner: a session id, or the container / TTL markers of §7.4.</summary>
    public long EphemeralOwner { get; }

    public HashSet<string> Children { get; } = new(StringComparer.Ordinal);

    /// <summary>The Stat clients see: reported cversion and owner are derived (§3.4, Q3, Q10).</summary>
    public Stat ToStat() => new(
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
}
