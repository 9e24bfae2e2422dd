using ZkCompat.Protocol.Codes;
using ZkCompat.Protocol.Jute;

namespace ZkCompat.Protocol.Records;

/// <summary>Precedes every request after the handshake (§3.1).</summary>
public sealed record RequestHeader(
    int Xid,
    OpCode Type) : IJuteRecord<RequestHeader>
{
    public static RequestHeader Read(ref JuteReader reader)
    {
        var xid = reader.ReadInt();
        var type = (OpCode)reader.ReadInt();
        return new(xid, type);
    }

    public void Write(JuteWriter writer)
    {
        writer.WriteInt(Xid);
        writer.WriteInt((int)Type);
    }
}
