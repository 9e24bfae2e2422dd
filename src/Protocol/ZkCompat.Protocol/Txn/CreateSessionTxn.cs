using ZkCompat.Protocol.Jute;

namespace ZkCompat.Protocol.Txn;

/// <summary>createSession (§11.9).</summary>
public sealed record CreateSessionTxn(
    int TimeoutMs) : IJuteRecord<CreateSessionTxn>
{
    public static CreateSessionTxn Read(ref JuteReader reader) => new(reader.ReadInt());

    public void Write(JuteWriter writer)
    {
        writer.WriteInt(TimeoutMs);
    }
}
