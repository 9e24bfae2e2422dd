using ZkCompat.Protocol.Jute;

namespace ZkCompat.Protocol.Records;

/// <summary>setData (§3.3).</summary>
public sealed record SetDataRequest(
    string Path,
    byte[]? Data,
    int Version) : IJuteRecord<SetDataRequest>
{
    public static SetDataRequest Read(ref JuteReader reader)
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
