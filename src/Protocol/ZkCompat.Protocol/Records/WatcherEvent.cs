using ZkCompat.Protocol.Codes;
using ZkCompat.Protocol.Jute;

namespace ZkCompat.Protocol.Records;

/// <summary>A watch notification body (§5.1).</summary>
public sealed record WatcherEvent(
    EventType Type,
    KeeperState State,
    string Path) : IJuteRecord<WatcherEvent>
{
    public static WatcherEvent Read(ref JuteReader reader)
    {
        var type = (EventType)reader.ReadInt();
        var state = (KeeperState)reader.ReadInt();
        var path = reader.ReadString();
        return new(type, state, path);
    }

    public void Write(JuteWriter writer)
    {
        writer.WriteInt((int)Type);
        writer.WriteInt((int)State);
        writer.WriteString(Path);
    }
}
