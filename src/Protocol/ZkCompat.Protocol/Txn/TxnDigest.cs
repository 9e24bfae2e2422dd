using ZkCompat.Protocol.Jute;

namespace ZkCompat.Protocol.Txn;

/// <summary>Tree digest appended to non-error txns (§11.9).</summary>
public sealed record TxnDigest(
    int Version,
    long TreeDigest) : IJuteRecord<TxnDigest>
{
    public static TxnDigest Read(ref JuteReader reader)
    {
        var version = reader.ReadInt();
        var treeDigest = reader.ReadLong();
        return new(version, treeDigest);
    }

    public void Write(JuteWriter writer)
    {
        writer.WriteInt(Version);
        writer.WriteLong(TreeDigest);
    }
}
