using ZkCompat.Protocol.Codes;
using ZkCompat.Protocol.Jute;

namespace ZkCompat.Protocol.Records;

/// <summary>checkWatches and removeWatches: a path and a WatcherType (§3.3).</summary>
public sealed record WatchesRequest(
    string Path,
    WatcherType Type) : IJuteRecord<WatchesRequest>
{
    public static WatchesRequest Read(ref JuteReader reader)
    {
        var path = reader.ReadString();
        var type = (WatcherType)reader.ReadInt();
        return new(path, type);
    }

    public void Write(JuteWriter writer)
    {
        writer.WriteString(Path);
        writer.WriteInt((int)Type);
    }
}
