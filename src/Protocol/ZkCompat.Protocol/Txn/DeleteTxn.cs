using ZkCompat.Protocol.Jute;

namespace ZkCompat.Protocol.Txn;

/// <summary>delete and deleteContainer (§11.9).</summary>
public sealed record DeleteTxn(
    string Path) : IJuteRecord<DeleteTxn>
{
    public static DeleteTxn Read(ref JuteReader reader) => new(reader.ReadString());

    public void Write(JuteWriter writer)
    {
        writer.WriteString(Path);
    }
}
