using ZkCompat.Protocol.Jute;

namespace ZkCompat.Protocol.Records;

/// <summary>exists, getData, getChildren and getChildren2: a path and a watch flag (§3.3).</summary>
public sealed record PathWatchRequest(
    string Path,
    bool Watch) : IJuteRecord<PathWatchRequest>
{
    public static PathWatchRequest Read(ref JuteReader reader)
    {
        var path = reader.ReadString();
        var watch = reader.ReadBool();
        return new(path, watch);
    }

    public void Write(JuteWriter writer)
    {
        writer.WriteString(Path);
        writer.WriteBool(Watch);
    }
}
