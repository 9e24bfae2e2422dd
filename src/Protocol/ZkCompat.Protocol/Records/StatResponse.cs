using ZkCompat.Protocol.Jute;

namespace ZkCompat.Protocol.Records;

/// <summary>The reply of exists, setData and setACL: one Stat (§3.3).</summary>
public sealed record StatResponse(
    Stat Stat) : IJuteRecord<StatResponse>
{
    public static StatResponse Read(ref JuteReader reader) => new(Stat.Read(ref reader));

    public void Write(JuteWriter writer)
    {
        Stat.Write(writer);
    }
}
