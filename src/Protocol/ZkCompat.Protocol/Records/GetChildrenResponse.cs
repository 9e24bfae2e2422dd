using ZkCompat.Protocol.Jute;

namespace ZkCompat.Protocol.Records;

/// <summary>The reply of getChildren (§3.3).</summary>
public sealed record GetChildrenResponse(
    List<string>? Children) : IJuteRecord<GetChildrenResponse>
{
    public static GetChildrenResponse Read(ref JuteReader reader) => new(reader.ReadStringVector());

    public void Write(JuteWriter writer)
    {
        writer.WriteStringVector(Children);
    }
}
