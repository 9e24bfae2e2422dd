using ZkCompat.Protocol.Ids;
using ZkCompat.Protocol.Jute;

namespace ZkCompat.Protocol.Records;

/// <summary>Node metadata as stored on disk (§3.4, 64 bytes).</summary>
public sealed record StatPersisted(
    Zxid Czxid,
    Zxid Mzxid,
    long Ctime,
    long Mtime,
    int Version,
    int Cversion,
    int Aversion,
    long EphemeralOwner,
    Zxid Pzxid) : IJuteRecord<StatPersisted>
{
    public static StatPersisted Read(ref JuteReader reader)
    {
        var czxid = new Zxid(reader.ReadLong());
        var mzxid = new Zxid(reader.ReadLong());
        var ctime = reader.ReadLong();
        var mtime = reader.ReadLong();
        var version = reader.ReadInt();
        var cversion = reader.ReadInt();
        var aversion = reader.ReadInt();
        var ephemeralOwner = reader.ReadLong();
        var pzxid = new Zxid(reader.ReadLong());
        return new(czxid, mzxid, ctime, mtime, version, cversion, aversion, ephemeralOwner, pzxid);
    }

    public void Write(JuteWriter writer)
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
