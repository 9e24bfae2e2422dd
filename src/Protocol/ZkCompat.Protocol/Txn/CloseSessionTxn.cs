using ZkCompat.Protocol.Jute;

namespace ZkCompat.Protocol.Txn;

/// <summary>closeSession (§11.9): the ephemerals to delete.</summary>
public sealed record CloseSessionTxn(
    List<string>? PathsToDelete) : IJuteRecord<CloseSessionTxn>
{
    public static CloseSessionTxn Read(ref JuteReader reader) => new(reader.ReadStringVector());

    public void Write(JuteWriter writer)
    {
        writer.WriteStringVector(PathsToDelete);
    }
}
