using ZkCompat.Protocol.Codes;
using ZkCompat.Protocol.Ids;
using ZkCompat.Protocol.Jute;

namespace ZkCompat.Protocol.Txn;

/// <summary>Precedes every txn in proposals and the log (§11.9).</summary>
public sealed record TxnHeader(
    SessionId ClientId,
    int Cxid,
    Zxid Zxid,
    long Time,
    OpCode Type) : IJuteRecord<TxnHeader>
{
    public static TxnHeader Read(ref JuteReader reader)
    {
        var clientId = new SessionId(reader.ReadLong());
        var cxid = reader.ReadInt();
        var zxid = new Zxid(reader.ReadLong());
        var time = reader.ReadLong();
        var type = (OpCode)reader.ReadInt();
        return new(clientId, cxid, zxid, time, type);
    }

    public void Write(JuteWriter writer)
    {
        writer.WriteLong(ClientId.Value);
        writer.WriteInt(Cxid);
        writer.WriteLong(Zxid.Value);
        writer.WriteLong(Time);
        writer.WriteInt((int)Type);
    }
}
