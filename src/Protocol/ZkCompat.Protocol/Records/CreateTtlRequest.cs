using ZkCompat.Protocol.Jute;

namespace ZkCompat.Protocol.Records;

/// <summary>createTTL (§3.3).</summary>
public sealed record CreateTtlRequest(
    string Path,
    byte[]? Data,
    List<Acl>? Acls,
    int Flags,
    long Ttl) : IJuteRecord<CreateTtlRequest>
{
    public static CreateTtlRequest Read(ref JuteReader reader)
    {
        var path = reader.ReadString();
        var data = reader.ReadBuffer();
        var acls = reader.ReadVector(static (ref JuteReader r) => Acl.Read(ref r));
        var flags = reader.ReadInt();
        var ttl = reader.ReadLong();
        return new(path, data, acls, flags, ttl);
    }

    public void Write(JuteWriter writer)
    {
        writer.WriteString(Path);
        writer.WriteBuffer(Data);
        writer.WriteVector(Acls, static (w, x) => x.Write(w));
        writer.WriteInt(Flags);
        writer.WriteLong(Ttl);
    }
}
