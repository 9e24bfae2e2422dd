using ZkCompat.Protocol.Codes;
using ZkCompat.Protocol.Jute;

namespace ZkCompat.Protocol.Records;

/// <summary>An error inside a multi result, and the addWatch reply (§3.3).</summary>
public sealed record ErrorResponse(
    ErrorCode Err) : IJuteRecord<ErrorResponse>
{
    public static ErrorResponse Read(ref JuteReader reader) => new((ErrorCode)reader.ReadInt());

    public void Write(JuteWriter writer)
    {
        writer.WriteInt((int)Err);
    }
}
