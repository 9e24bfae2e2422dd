using ZkCompat.Protocol.Ids;
using ZkCompat.Protocol.Jute;

namespace ZkCompat.Protocol.Records;

/// <summary>Node metadata as clients see it (§3.4, 68 bytes).</summary>
public sealed record Stat(
    Zxid Czxid,
    Zxid Mzxid,
    long Ctime,
    long Mtime,
    int Version,
    int Cversion,
    int Aversion,
    long EphemeralOwner,
    int DataLength,
    int NumChildren,
    Zxid Pzxid) : IJuteRecord<Stat>
{
    public static Stat Read(ref JuteReader reader)
    {
        var czxid = new Zxid(reader.ReadLong());
        var mzxid = new Zxid(reader.ReadLong());
        var ctime = reader.ReadLong();
        var mtime = reader.ReadLong();
        var version = reader.ReadInt();
        var cversion = reader.ReadInt();
        var aversion = reader.ReadInt();
        var ephemeralOwner = reader.ReadLong();
        var dataLength = reader.ReadInt();
        var numChildren = reader.ReadInt();
        var pzxid = new Zxid(reader.ReadLong());
        return new(czxid, mzxid, ctime, mtime, version, cversion, aversion, ephemeralOwner, dataLength, numChildren, pzxid);
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
        writer.WriteInt(DataLength);
        writer.WriteInt(NumChildren);
        writer.WriteLong(Pzxid.Value);
    }
}
