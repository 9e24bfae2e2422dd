using ZkCompat.Protocol.Jute;

namespace ZkCompat.Protocol.Records;

/// <summary>The reply of getChildren2 (§3.3).</summary>
public sealed record GetChildren2Response(
    List<string>? Children,
    Stat Stat) : IJuteRecord<GetChildren2Response>
{
    public static GetChildren2Response Read(ref JuteReader reader)
    {
        var children = reader.ReadStringVector();
        var stat = Stat.Read(ref reader);
        return new(children, stat);
    }

    public void Write(JuteWriter writer)
    {
        writer.WriteStringVector(Children);
        Stat.Write(writer);
    }
}
