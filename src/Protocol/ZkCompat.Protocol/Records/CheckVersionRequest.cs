using ZkCompat.Protocol.Jute;

namespace ZkCompat.Protocol.Records;

/// <summary>check, valid only inside multi (§3.3).</summary>
public sealed record CheckVersionRequest(
    string Path,
    int Version) : IJuteRecord<CheckVersionRequest>
{
    public static CheckVersionRequest Read(ref JuteReader reader)
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
