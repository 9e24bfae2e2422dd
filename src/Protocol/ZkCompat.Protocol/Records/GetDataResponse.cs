using ZkCompat.Protocol.Jute;

namespace ZkCompat.Protocol.Records;

/// <summary>The reply of getData, and of reconfig (§3.3).</summary>
public sealed record GetDataResponse(
    byte[]? Data,
    Stat Stat) : IJuteRecord<GetDataResponse>
{
    public static GetDataResponse Read(ref JuteReader reader)
    {
        var data = reader.ReadBuffer();
        var stat = Stat.Read(ref reader);
        return new(data, stat);
    }

    public void Write(JuteWriter writer)
    {
        writer.WriteBuffer(Data);
        Stat.Write(writer);
    }
}
