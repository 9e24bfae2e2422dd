using ZkCompat.Protocol.Jute;
using ZkCompat.Protocol.Records;

namespace ZkCompat.Protocol.Txn;

/// <summary>create and create2 (§11.9).</summary>
public sealed record CreateTxn(
    string Path,
    byte[]? Data,
    List<Acl>? Acls,
    bool Ephemeral,
    int ParentCversion) : IJuteRecord<CreateTxn>
{
    public static CreateTxn Read(ref JuteReader reader)
    {
        var path = reader.ReadString();
        var data = reader.ReadBuffer();
        var acls = reader.ReadVector(static (ref JuteReader r) => Acl.Read(ref r));
        var ephemeral = reader.ReadBool();
        var parentCversion = reader.ReadInt();
        return new(path, data, acls, ephemeral, parentCversion);
    }

    public void Write(JuteWriter writer)
    {
        writer.WriteString(Path);
        writer.WriteBuffer(Data);
        writer.WriteVector(Acls, static (w, x) => x.Write(w));
        writer.WriteBool(Ephemeral);
        writer.WriteInt(ParentCversion);
    }
}
