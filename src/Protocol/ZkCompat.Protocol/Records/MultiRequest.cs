using ZkCompat.Protocol.Codes;
using ZkCompat.Protocol.Jute;

namespace ZkCompat.Protocol.Records;

/// <summary>
/// multi and multiRead (PROTOCOL.md §3.5): header + record pairs closed by the header {-1, true, -1}.
/// </summary>
public sealed record MultiRequest(List<MultiOp> Ops) : IJuteRecord<MultiRequest>
{
    private static readonly MultiHeader s_end = new(OpCode.Error, true, -1);

    public static MultiRequest Read(ref JuteReader reader)
    {
        var ops = new List<MultiOp>();
        while (true)
        {
            var header = MultiHeader.Read(ref reader);
            if (header.Done)
                return new MultiRequest(ops);
            ops.Add(new MultiOp(header.Type, ReadOp(header.Type, ref reader)));
        }
    }

    public void Write(JuteWriter writer)
    {
        foreach (var op in Ops)
        {
            new MultiHeader(op.Type, false, -1).Write(writer);
            op.Request.Write(writer);
        }

        s_end.Write(writer);
    }

    private static IJuteWritable ReadOp(OpCode type, ref JuteReader reader) => type switch
    {
        OpCode.Create or OpCode.Create2 or OpCode.CreateContainer => CreateRequest.Read(ref reader),
        OpCode.CreateTtl => CreateTtlRequest.Read(ref reader),
        OpCode.Delete => DeleteRequest.Read(ref reader),
        OpCode.SetData => SetDataRequest.Read(ref reader),
        OpCode.Check => CheckVersionRequest.Read(ref reader),
        OpCode.GetChildren or OpCode.GetData => PathWatchRequest.Read(ref reader),
        _ => throw new ProtocolException($"invalid type of op in multi: {(int)type}"),
    };
}
