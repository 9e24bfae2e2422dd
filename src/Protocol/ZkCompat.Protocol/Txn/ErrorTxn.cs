using ZkCompat.Protocol.Codes;
using ZkCompat.Protocol.Jute;

namespace ZkCompat.Protocol.Txn;

/// <summary>A write that failed prep (§11.9).</summary>
public sealed record ErrorTxn(
    ErrorCode Err) : IJuteRecord<ErrorTxn>
{
    public static ErrorTxn Read(ref JuteReader reader) => new((ErrorCode)reader.ReadInt());

    public void Write(JuteWriter writer)
    {
        writer.WriteInt((int)Err);
    }
}
