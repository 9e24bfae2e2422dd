using ZkCompat.Protocol.Ids;
using ZkCompat.Protocol.Jute;

namespace ZkCompat.Protocol.Records;

/// <summary>Client handshake (PROTOCOL.md §2.1); the optional readOnly byte is read by the connection.</summary>
public sealed record ConnectRequest(
    int ProtocolVersion,
    Zxid LastZxidSeen,
    int TimeoutMs,
    SessionId SessionId,
    byte[]? Password) : IJuteRecord<ConnectRequest>
{
    public static ConnectRequest Read(ref JuteReader reader)
    {
        var protocolVersion = reader.ReadInt();
        var lastZxidSeen = new Zxid(reader.ReadLong());
        var timeoutMs = reader.ReadInt();
        var sessionId = new SessionId(reader.ReadLong());
        var password = reader.ReadBuffer();
        return new(protocolVersion, lastZxidSeen, timeoutMs, sessionId, password);
    }

    public void Write(JuteWriter writer)
    {
        writer.WriteInt(ProtocolVersion);
        writer.WriteLong(LastZxidSeen.Value);
        writer.WriteInt(TimeoutMs);
        writer.WriteLong(SessionId.Value);
        writer.WriteBuffer(Password);
    }
}
