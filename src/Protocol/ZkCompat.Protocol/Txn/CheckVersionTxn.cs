using ZkCompat.Protocol.Jute;

namespace ZkCompat.Protocol.Txn;

/// <summary>check inside multi (§11.9).</summary>
public sealed record CheckVersionTxn(
    string Path,
    int Version) : IJuteRecord<CheckVersionTxn>
{
    public static CheckVersionTxn Read(ref JuteReader reader)
    {
        var path = reader.ReadString();
        var version = reader.ReadInt();
        return new(path, version);
    }

    public void Write(JuteWriter writer)
    {
        writer.WriteString(Path);
        writer.WriteInt(Version);
    }
}
