using ZkCompat.Protocol.Jute;

namespace ZkCompat.Protocol.Records;

/// <summary>The reply of getEphemerals (§3.3).</summary>
public sealed record PathListResponse(
    List<string>? Paths) : IJuteRecord<PathListResponse>
{
    public static PathListResponse Read(ref JuteReader reader) => new(reader.ReadStringVector());

    public void Write(JuteWriter writer)
    {
        writer.WriteStringVector(Paths);
    }
}
