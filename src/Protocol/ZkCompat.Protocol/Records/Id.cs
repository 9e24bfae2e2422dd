using ZkCompat.Protocol.Jute;

namespace ZkCompat.Protocol.Records;

/// <summary>An identity: scheme and id (§3.4). kazoo sends a null id with the auth scheme.</summary>
public sealed record Id(
    string Scheme,
    string? Ident) : IJuteRecord<Id>
{
    public static Id Read(ref JuteReader reader)
    {
        var scheme = reader.ReadString();
        var ident = reader.ReadNullableString();
        return new(scheme, ident);
    }

    public void Write(JuteWriter writer)
    {
        writer.WriteString(Scheme);
        writer.WriteString(Ident);
    }
}
