using ZkCompat.Protocol.Jute;
using ZkCompat.Protocol.Records;

namespace ZkCompat.Protocol.Txn;

/// <summary>createContainer (§11.9).</summary>
public sealed record CreateContainerTxn(
    string Path,
    byte[]? Data,
    List<Acl>? Acls,
    int ParentCversion) : IJuteRecord<CreateContainerTxn>
{
    public static CreateContainerTxn Read(ref JuteReader reader)
    {
        var path = reader.ReadString();
        var data = reader.ReadBuffer();
        var acls = reader.ReadVector(static (ref JuteReader r) => Acl.Read(ref r));
        var parentCversion = reader.ReadInt();
        return new(path, data, acls, parentCversion);
    }

    public void Write(JuteWriter writer)
    {
        writer.WriteString(Path);
        writer.WriteBuffer(Data);
        writer.WriteVector(Acls, static (w, x) => x.Write(w));
        writer.WriteInt(ParentCversion);
    }
}
