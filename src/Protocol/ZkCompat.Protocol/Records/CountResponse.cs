using ZkCompat.Protocol.Jute;

namespace ZkCompat.Protocol.Records;

/// <summary>The reply of getAllChildrenNumber (§3.3).</summary>
public sealed record CountResponse(
    int TotalNumber) : IJuteRecord<CountResponse>
{
    public static CountResponse Read(ref JuteReader reader) => new(reader.ReadInt());

    public void Write(JuteWriter writer)
    {
        writer.WriteInt(TotalNumber);
    }
}
