using ZkCompat.Protocol.Ids;
using ZkCompat.Protocol.Jute;

namespace ZkCompat.Protocol.Records;

/// <summary>Server handshake reply (§2.1); the readOnly byte follows only for new clients.</summary>
public sealed record ConnectResponse(
    int ProtocolVersion,
    int TimeoutMs,
    SessionId SessionId,
    byte[]? Password) : IJuteRecord<ConnectResponse>
{
    public static ConnectResponse Read(ref JuteReader reader)
    {
        var protocolVersion = reader.ReadInt();
        var timeoutMs = reader.ReadInt();
        var sessionId = new SessionId(reader.ReadLong());
        var password = reader.ReadBuffer();
        return new(protocolVersion, timeoutMs, sessionId, password);
    }

    public void Write(JuteWriter writer)
    {
        writer.WriteInt(ProtocolVersion);
        writer.WriteInt(TimeoutMs);
        writer.WriteLong(SessionId.Value);
        writer.WriteBuffer(Password);
    }
}
