using System.Buffers;
using ZkCompat.Protocol.Codes;
using ZkCompat.Protocol.Jute;
using ZkCompat.Protocol.Records;
using ZkCompat.Server.Net;

namespace ZkCompat.Server.Tests;

/// <summary>The decoder's cached path reads must decode exactly as the general reader does.</summary>
public class RequestDecoderTests
{
    [Theory]
    [InlineData(OpCode.GetData, "/a/b", true)]
    [InlineData(OpCode.Exists, "/", false)]
    [InlineData(OpCode.GetChildren2, "/ü/ß", false)]
    [InlineData(OpCode.GetChildren, "", true)]
    public void PathReads_DecodeAsTheGeneralReader_AndRepeatAsTheSameRecord(OpCode op, string path, bool watch)
    {
        var decoder = new RequestDecoder(new NullChannel());

        var first = decoder.Decode(Frame(7, op, new PathWatchRequest(path, watch)));
        var again = decoder.Decode(Frame(8, op, new PathWatchRequest(path, watch)));

        Assert.Equal((7, op, false), (first.Xid, first.Op, first.Malformed));
        Assert.Equal(new PathWatchRequest(path, watch), first.Body);
        Assert.Same(first.Body, again.Body);
        Assert.Equal(8, again.Xid);
        Assert.NotSame(first.Body, decoder.Decode(Frame(9, op, new PathWatchRequest(path, !watch))).Body);
    }

    [Fact]
    public void TruncatedOrNullPath_IsMalformed_AsBefore()
    {
        var decoder = new RequestDecoder(new NullChannel());
        var truncated = Frame(1, OpCode.GetData, null, w => w.WriteInt(10));
        var nullPath = Frame(2, OpCode.GetData, null, w =>
        {
            w.WriteInt(-1);
            w.WriteBool(false);
        });

        Assert.True(decoder.Decode(truncated).Malformed);
        Assert.True(decoder.Decode(nullPath).Malformed);
    }

    private static ReadOnlySequence<byte> Frame(int xid, OpCode op, PathWatchRequest? body, Action<JuteWriter>? raw = null)
    {
        var output = new ArrayBufferWriter<byte>();
        var writer = new JuteWriter(output);
        new RequestHeader(xid, op).Write(writer);
        body?.Write(writer);
        raw?.Invoke(writer);
        return new ReadOnlySequence<byte>(output.WrittenMemory);
    }

    private sealed class NullChannel : IClientChannel
    {
        public string RemoteAddress => "127.0.0.1";

        public long SessionId { get; set; }

        public HashSet<Id> AuthIds { get; } = [];

        public void Send(IJuteWritable header, IJuteWritable? body)
        {
        }

        public void SendConnectResponse(ConnectResponse response, bool withReadOnlyByte)
        {
        }

        public void Close()
        {
        }
    }
}
