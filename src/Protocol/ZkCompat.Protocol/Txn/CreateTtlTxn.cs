using ZkCompat.Protocol.Jute;
using ZkCompat.Protocol.Records;

namespace ZkCompat.Protocol.Txn;

/// <summary>createTTL (§11.9).</summary>
public sealed record CreateTtlTxn(
    string Path,
    byte[]? Data,
    List<Acl>? Acls,
    int ParentCversion,
    long Ttl) : IJuteRecord<CreateTtlTxn>
{
    public static CreateTtlTxn Read(ref JuteReader reader)
    {
        var path = reader.ReadString();
        var data = reader.ReadBuffer();
        var acls = reader.ReadVector(static (ref JuteReader r) => Acl.Read(ref r));
        var parentCversion = reader.ReadInt();
        var ttl = reader.ReadLong();
        return new(path, data, acls, parentCversion, ttl);
    }

    public void Write(JuteWriter writer)
    {
        writer.WriteString(Path);
        writer.WriteBuffer(Data);
        writer.WriteVector(Acls, static (w, x) => x.Write(w));
        writer.WriteInt(ParentCversion);
        writer.WriteLong(Ttl);
    }
}
