using ZkCompat.Protocol.Codes;
using ZkCompat.Protocol.Jute;

namespace ZkCompat.Protocol.Records;

/// <summary>The reply of multi and multiRead (PROTOCOL.md §3.5).</summary>
public sealed record MultiResponse(List<MultiResult> Results) : IJuteRecord<MultiResponse>
{
    private static readonly MultiHeader s_end = new(OpCode.Error, true, -1);

    public static MultiResponse Read(ref JuteReader reader)
    {
        var results = new List<MultiResult>();
        while (true)
        {
            var header = MultiHeader.Read(ref reader);
            if (header.Done)
                return new MultiResponse(results);
            results.Add(new MultiResult(header.Type, (ErrorCode)header.Err, ReadBody(header.Type, ref reader)));
        }
    }

    public void Write(JuteWriter writer)
    {
        foreach (var result in Results)
        {
            new MultiHeader(result.Type, false, (int)result.Err).Write(writer);
            result.Body?.Write(writer);
        }

        s_end.Write(writer);
    }

    private static IJuteWritable? ReadBody(OpCode type, ref JuteReader reader) => type switch
    {
        OpCode.Create => PathResponse.Read(ref reader),
        OpCode.Create2 => Create2Response.Read(ref reader),
        OpCode.Delete or OpCode.Check => null,
        OpCode.SetData => StatResponse.Read(ref reader),
        OpCode.GetChildren => GetChildrenResponse.Read(ref reader),
        OpCode.GetData => GetDataResponse.Read(ref reader),
        OpCode.Error => ErrorResponse.Read(ref reader),
        _ => throw new ProtocolException($"invalid type of result in multi: {(int)type}"),
    };
}
