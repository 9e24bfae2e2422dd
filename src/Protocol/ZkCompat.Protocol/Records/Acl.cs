using ZkCompat.Protocol.Codes;
using ZkCompat.Protocol.Jute;

namespace ZkCompat.Protocol.Records;

/// <summary>One ACL entry (§3.4).</summary>
public sealed record Acl(
    Perms Perms,
    Id Id) : IJuteRecord<Acl>
{
    public static Acl Read(ref JuteReader reader)
    {
        var perms = (Perms)reader.ReadInt();
        var id = Id.Read(ref reader);
        return new(perms, id);
    }

    public void Write(JuteWriter writer)
    {
        writer.WriteInt((int)Perms);
        Id.Write(writer);
    }
}
