using ZkCompat.Protocol.Jute;
using ZkCompat.Protocol.Records;

namespace ZkCompat.Protocol.Txn;

/// <summary>setACL (§11.9); version is the new aversion.</summary>
public sealed record SetAclTxn(
    string Path,
    List<Acl>? Acls,
    int Version) : IJuteRecord<SetAclTxn>
{
    public static SetAclTxn Read(ref JuteReader reader)
    {
        var path = reader.ReadString();
        var acls = reader.ReadVector(static (ref JuteReader r) => Acl.Read(ref r));
        var version = reader.ReadInt();
        return new(path, acls, version);
    }

    public void Write(JuteWriter writer)
    {
        writer.WriteString(Path);
        writer.WriteVector(Acls, static (w, x) => x.Write(w));
        writer.WriteInt(Version);
    }
}
