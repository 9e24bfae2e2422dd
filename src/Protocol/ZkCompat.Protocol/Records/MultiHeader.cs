using ZkCompat.Protocol.Codes;
using ZkCompat.Protocol.Jute;

namespace ZkCompat.Protocol.Records;

/// <summary>Precedes each op and result of multi (§3.5).</summary>
public sealed record MultiHeader(
    OpCode Type,
    bool Done,
    int Err) : IJuteRecord<MultiHeader>
{
    public static MultiHeader Read(ref JuteReader reader)
    {
        var type = (OpCode)reader.ReadInt();
        var done = reader.ReadBool();
        var err = reader.ReadInt();
        return new(type, done, err);
    }

    public void Write(JuteWriter writer)
    {
        writer.WriteInt((int)Type);
        writer.WriteBool(Done);
        writer.WriteInt(Err);
    }
}
