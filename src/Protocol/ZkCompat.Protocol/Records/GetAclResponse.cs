using ZkCompat.Protocol.Jute;

namespace ZkCompat.Protocol.Records;

/// <summary>The reply of getACL (§3.3).</summary>
public sealed record GetAclResponse(
    List<Acl>? Acls,
    Stat Stat) : IJuteRecord<GetAclResponse>
{
    public static GetAclResponse Read(ref JuteReader reader)
    {
        var acls = reader.ReadVector(static (ref JuteReader r) => Acl.Read(ref r));
        var stat = Stat.Read(ref reader);
        return new(acls, stat);
    }

    public void Write(JuteWriter writer)
    {
        writer.WriteVector(Acls, static (w, x) => x.Write(w));
        Stat.Write(writer);
    }
}
