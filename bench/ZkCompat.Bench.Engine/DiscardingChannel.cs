using System.Buffers;
using ZkCompat.Protocol.Codes;
using ZkCompat.Protocol.Framing;
using ZkCompat.Protocol.Ids;
using ZkCompat.Protocol.Jute;
using ZkCompat.Protocol.Records;
using ZkCompat.Server.Net;

namespace ZkCompat.Bench.Engine;

/// <summary>A client channel that encodes every reply as the connection would, then forgets it.</summary>
internal sealed class DiscardingChannel : IClientChannel
{
    private readonly ArrayBufferWriter<byte> _output = new(4096);

    public string RemoteAddress => "127.0.0.1";

    public long SessionId { get; set; }

    public HashSet<Id> AuthIds { get; } = [];

    public long Replies { get; private set; }

    public void Send(IJuteWritable header, IJuteWritable? body)
    {
        _output.ResetWrittenCount();
        FrameWriter.WriteFrame(_output, header, body);
        Replies++;
    }

    public void Reply(int xid, Zxid zxid, ErrorCode err, IJuteWritable? body)
    {
        _output.ResetWrittenCount();
        FrameWriter.WriteReplyFrame(_output, xid, zxid, err, body);
        Replies++;
    }

    public void SendConnectResponse(ConnectResponse response, bool withReadOnlyByte) => Send(response, null);

    public void Close()
    {
    }
}
