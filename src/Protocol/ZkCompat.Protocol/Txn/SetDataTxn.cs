using ZkCompat.Protocol.Jute;

namespace ZkCompat.Protocol.Txn;

/// <summary>setData and reconfig (§11.9); version is the new version.</summary>
public sealed record SetDataTxn(
    string Path,
    byte[]? Data,
    int Version) : IJuteRecord<SetDataTxn>
{
    public static SetDataTxn Read(ref JuteReader reader)
    {
        var path = reader.ReadString();
        var data = reader.ReadBuffer();
        var version = reader.ReadInt();
        return new(path, data, version);
    }

    public void Write(JuteWriter writer)
    {
        writer.WriteString(Path);
        writer.WriteBuffer(Data);
        writer.WriteInt(Version);
    }
}
