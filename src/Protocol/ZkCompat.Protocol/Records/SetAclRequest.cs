using ZkCompat.Protocol.Jute;

namespace ZkCompat.Protocol.Records;

/// <summary>setACL (§3.3); version is compared with aversion.</summary>
public sealed record SetAclRequest(
    string Path,
    List<Acl>? Acls,
    int Version) : IJuteRecord<SetAclRequest>
{
    public static SetAclRequest Read(ref JuteReader reader)
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
