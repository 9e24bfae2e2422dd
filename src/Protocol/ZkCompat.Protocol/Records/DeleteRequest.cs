using ZkCompat.Protocol.Jute;

namespace ZkCompat.Protocol.Records;

/// <summary>delete (§3.3); version -1 matches any.</summary>
public sealed record DeleteRequest(
    string Path,
    int Version) : IJuteRecord<DeleteRequest>
{
    public static DeleteRequest Read(ref JuteReader reader)
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
