using ZkCompat.Protocol.Codes;
using ZkCompat.Protocol.Jute;

namespace ZkCompat.Protocol.Txn;

/// <summary>One op of a multi txn (jute Txn): type and serialized record (§11.9).</summary>
public sealed record SubTxn(
    OpCode Type,
    byte[]? Data) : IJuteRecord<SubTxn>
{
    public static SubTxn Read(ref JuteReader reader)
    {
        var type = (OpCode)reader.ReadInt();
        var data = reader.ReadBuffer();
        return new(type, data);
    }

    public void Write(JuteWriter writer)
    {
        writer.WriteInt((int)Type);
        writer.WriteBuffer(Data);
    }
}
