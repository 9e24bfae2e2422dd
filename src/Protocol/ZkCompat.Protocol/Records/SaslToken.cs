using ZkCompat.Protocol.Jute;

namespace ZkCompat.Protocol.Records;

/// <summary>sasl request (GetSASLRequest) and reply (SetSASLResponse): one token (§3.3).</summary>
public sealed record SaslToken(
    byte[]? Token) : IJuteRecord<SaslToken>
{
    public static SaslToken Read(ref JuteReader reader) => new(reader.ReadBuffer());

    public void Write(JuteWriter writer)
    {
        writer.WriteBuffer(Token);
    }
}
