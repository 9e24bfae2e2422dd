using ZkCompat.Protocol.Jute;

namespace ZkCompat.Protocol.Records;

/// <summary>One auth identity in a whoAmI reply (§3.3).</summary>
public sealed record ClientInfo(
    string AuthScheme,
    string User) : IJuteRecord<ClientInfo>
{
    public static ClientInfo Read(ref JuteReader reader)
    {
        var authScheme = reader.ReadString();
        var user = reader.ReadString();
        return new(authScheme, user);
    }

    public void Write(JuteWriter writer)
    {
        writer.WriteString(AuthScheme);
        writer.WriteString(User);
    }
}
