using ZkCompat.Protocol.Jute;

namespace ZkCompat.Protocol.Records;

/// <summary>auth (§6.3).</summary>
public sealed record AuthPacket(
    int Type,
    string Scheme,
    byte[]? Auth) : IJuteRecord<AuthPacket>
{
    public static AuthPacket Read(ref JuteReader reader)
    {
        var type = reader.ReadInt();
        var scheme = reader.ReadString();
        var auth = reader.ReadBuffer();
        return new(type, scheme, auth);
    }

    public void Write(JuteWriter writer)
    {
        writer.WriteInt(Type);
        writer.WriteString(Scheme);
        writer.WriteBuffer(Auth);
    }
}
