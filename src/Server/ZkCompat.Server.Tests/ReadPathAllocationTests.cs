using System.Buffers;
using Microsoft.Extensions.Logging.Abstractions;
using ZkCompat.Protocol.Codes;
using ZkCompat.Protocol.Framing;
using ZkCompat.Protocol.Ids;
using ZkCompat.Protocol.Jute;
using ZkCompat.Protocol.Records;
using ZkCompat.Server.Net;
using ZkCompat.Server.Processing;
using ZkCompat.Server.Tests.Support;

namespace ZkCompat.Server.Tests;

/// <summary>Issue 8's target: a read in steady state allocates nothing from its frame to its encoded reply.</summary>
public class ReadPathAllocationTests
{
    [Theory]
    [InlineData(OpCode.GetData)]
    [InlineData(OpCode.Exists)]
    public void RepeatedRead_FromFrameToEncodedReply_AllocatesNothing(OpCode op)
    {
        var engine = new Engine(EngineFixture.DefaultOptions, new ManualTime(), NullLogger.Instance, new InMemoryReplicator());
        var ch = new EncodingChannel();
        engine.ProcessBatch([new ConnectWork(ch, new ConnectRequest(0, Zxid.Zero, 10_000, SessionId.None, new byte[16]), true)]);
        engine.ProcessBatch([
            new RequestWork(ch, 1, OpCode.Create, new CreateRequest("/app", [], TestClientExtensions.OpenAcl, 0), false),
            new RequestWork(ch, 2, OpCode.Create, new CreateRequest("/app/node", new byte[100], TestClientExtensions.OpenAcl, 0), false),
        ]);
        var decoder = new RequestDecoder(ch);
        var frame = RequestFrame(op, "/app/node");
        for (var i = 0; i < 10; i++)
            engine.Process(decoder.Decode(frame));
        var replies = ch.Replies;

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
            engine.Process(decoder.Decode(frame));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(1000, ch.Replies - replies);
        Assert.Equal(ErrorCode.Ok, ch.LastErr);
        Assert.Equal(0, allocated);
    }

    private static ReadOnlySequence<byte> RequestFrame(OpCode op, string path)
    {
        var output = new ArrayBufferWriter<byte>();
        var writer = new JuteWriter(output);
        new RequestHeader(7, op).Write(writer);
        new PathWatchRequest(path, false).Write(writer);
        return new ReadOnlySequence<byte>(output.WrittenMemory);
    }

    /// <summary>Encodes every reply as a connection would (into a reused buffer), then forgets it.</summary>
    private sealed class EncodingChannel : IClientChannel
    {
        private readonly ArrayBufferWriter<byte> _output = new(4096);

        public string RemoteAddress => "127.0.0.1";

        public long SessionId { get; set; }

        public HashSet<Id> AuthIds { get; } = [];

        public int Replies { get; private set; }

        public ErrorCode LastErr { get; private set; }

        public void Send(IJuteWritable header, IJuteWritable? body)
        {
            _output.ResetWrittenCount();
            FrameWriter.WriteFrame(_output, header, body);
        }

        public void Reply(int xid, Zxid zxid, ErrorCode err, IJuteWritable? body)
        {
            _output.ResetWrittenCount();
            FrameWriter.WriteReplyFrame(_output, xid, zxid, err, body);
            Replies++;
            LastErr = err;
        }

        public void SendConnectResponse(ConnectResponse response, bool withReadOnlyByte) => Send(response, null);

        public void Close()
        {
        }
    }
}
