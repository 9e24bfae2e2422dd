using ZkCompat.Protocol.Jute;

namespace ZkCompat.Protocol.Txn;

/// <summary>multi (§11.9).</summary>
public sealed record MultiTxn(
    List<SubTxn>? Txns) : IJuteRecord<MultiTxn>
{
    public static MultiTxn Read(ref JuteReader reader) => new(reader.ReadVector(static (ref JuteReader r) => SubTxn.Read(ref r)));

    public void Write(JuteWriter writer)
    {
        writer.WriteVector(Txns, static (w, x) => x.Write(w));
    }
}
