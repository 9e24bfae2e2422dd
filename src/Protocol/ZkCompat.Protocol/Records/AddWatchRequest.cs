using ZkCompat.Protocol.Jute;

namespace ZkCompat.Protocol.Records;

/// <summary>addWatch (§3.3); mode is validated by the server, so it stays an int here.</summary>
public sealed record AddWatchRequest(
    string Path,
    int Mode) : IJuteRecord<AddWatchRequest>
{
    public static AddWatchRequest Read(ref JuteReader reader)
    {
        var path = reader.ReadString();
        var mode = reader.ReadInt();
        return new(path, mode);
    }

    public void Write(JuteWriter writer)
    {
        writer.WriteString(Path);
        writer.WriteInt(Mode);
    }
}
