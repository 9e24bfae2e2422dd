using ZkCompat.Protocol.Jute;

namespace ZkCompat.Protocol.Records;

/// <summary>create, create2 and createContainer (§3.3).</summary>
public sealed record CreateRequest(
    string Path,
    byte[]? Data,
    List<Acl>? Acls,
    int Flags) : IJuteRecord<CreateRequest>
{
    public static CreateRequest Read(ref JuteReader reader)
    {
        var path = reader.ReadString();
        var data = reader.ReadBuffer();
        var acls = reader.ReadVector(static (ref JuteReader r) => Acl.Read(ref r));
        var flags = reader.ReadInt();
        return new(path, data, acls, flags);
    }

    public void Write(JuteWriter writer)
    {
        writer.WriteString(Path);
        writer.WriteBuffer(Data);
        writer.WriteVector(Acls, static (w, x) => x.Write(w));
        writer.WriteInt(Flags);
    }
}
