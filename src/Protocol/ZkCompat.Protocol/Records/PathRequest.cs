using ZkCompat.Protocol.Jute;

namespace ZkCompat.Protocol.Records;

/// <summary>getACL, sync, getEphemerals and getAllChildrenNumber: one path (§3.3). getEphemerals may send null.</summary>
public sealed record PathRequest(
    string? Path) : IJuteRecord<PathRequest>
{
    public static PathRequest Read(ref JuteReader reader) => new(reader.ReadNullableString());

    public void Write(JuteWriter writer)
    {
        writer.WriteString(Path);
    }
}
