using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;
using Microsoft.Extensions.Logging.Abstractions;
using ZkCompat.Protocol.Codes;
using ZkCompat.Protocol.Framing;
using ZkCompat.Protocol.Ids;
using ZkCompat.Protocol.Jute;
using ZkCompat.Protocol.Records;
using ZkCompat.Server.Net;
using ZkCompat.Server.Options;
using ZkCompat.Server.Processing;

namespace ZkCompat.Bench.Engine;

/// <summary>
/// The embedded engine with no sockets and no disk (in-memory replicator): one session on a
/// channel that only encodes replies, and one real <see cref="ClientConnection"/> over in-memory
/// pipes, both reading one 100-byte znode.
/// </summary>
internal sealed class EngineHarness : IAsyncDisposable
{
    public const string NodePath = "/bench";
    private static readonly ServerOptions s_options = new() { TickTimeMs = 2000, DataDir = "/nonexistent" };

    private readonly CancellationTokenSource _stop = new();
    private readonly Server.Processing.Engine _engine;
    private readonly DiscardingChannel _channel = new();
    private readonly RequestWork _getData;
    private readonly RequestWork _exists;
    private readonly Pipe _toServer = new();
    private readonly Pipe _fromServer = new();
    private Task _loop = Task.CompletedTask;
    private Task _connection = Task.CompletedTask;
    private byte[] _pipelinedReads = [];

    public EngineHarness()
    {
        _engine = new Server.Processing.Engine(s_options, TimeProvider.System, NullLogger.Instance, new InMemoryReplicator());
        _getData = new RequestWork(_channel, 2, OpCode.GetData, new PathWatchRequest(NodePath, false), false);
        _exists = new RequestWork(_channel, 3, OpCode.Exists, new PathWatchRequest(NodePath, false), false);
    }

    public static async Task<EngineHarness> StartAsync(int pipelined)
    {
        var harness = new EngineHarness();
        await harness.SetUpAsync(pipelined).ConfigureAwait(false);
        return harness;
    }

    /// <summary>One getData through the engine, reply encoded: what the loop does per read.</summary>
    public void GetDataOnEngine() => _engine.Process(_getData);

    public void ExistsOnEngine() => _engine.Process(_exists);

    public long Replies => _channel.Replies;

    /// <summary>Writes <paramref name="count"/> pipelined getData frames and reads every reply.</summary>
    public async Task<int> GetDataOverPipesAsync(int count)
    {
        await _toServer.Writer.WriteAsync(_pipelinedReads).ConfigureAwait(false);
        var input = _fromServer.Reader;
        var seen = 0;
        while (seen < count)
        {
            var result = await input.ReadAsync().ConfigureAwait(false);
            var buffer = result.Buffer;
            while (FrameReader.TryReadFrame(ref buffer, int.MaxValue, out _))
                seen++;
            input.AdvanceTo(buffer.Start, buffer.End);
            if (result.IsCompleted)
                throw new InvalidOperationException($"the connection closed after {seen} of {count} replies");
        }

        return seen;
    }

    public async ValueTask DisposeAsync()
    {
        await _toServer.Writer.CompleteAsync().ConfigureAwait(false);
        await _connection.ConfigureAwait(false);
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task SetUpAsync(int pipelined)
    {
        _engine.ProcessBatch([new ConnectWork(_channel, new ConnectRequest(0, Zxid.Zero, 30_000, SessionId.None, new byte[16]), true)]);
        var value = new byte[100];
        var acl = new List<Acl> { new(Perms.All, new Id("world", "anyone")) };
        _engine.ProcessBatch([new RequestWork(_channel, 1, OpCode.Create, new CreateRequest(NodePath, value, acl, 0), false)]);
        _loop = _engine.RunAsync(_stop.Token);
        var transport = new PipeTransport(_toServer.Reader, _fromServer.Writer);
        _connection = new ClientConnection(transport, _engine, "127.0.0.1", s_options, NullLogger.Instance).RunAsync();
        await _toServer.Writer.WriteAsync(Frame(w =>
        {
            new ConnectRequest(0, Zxid.Zero, 30_000, SessionId.None, new byte[16]).Write(w);
            w.WriteBool(false);
        })).ConfigureAwait(false);
        var handshake = await _fromServer.Reader.ReadAsync().ConfigureAwait(false);
        _fromServer.Reader.AdvanceTo(handshake.Buffer.End);
        var one = Frame(w =>
        {
            new RequestHeader(0, OpCode.GetData).Write(w);
            new PathWatchRequest(NodePath, false).Write(w);
        });
        _pipelinedReads = new byte[one.Length * pipelined];
        for (var i = 0; i < pipelined; i++)
        {
            one.CopyTo(_pipelinedReads, i * one.Length);
            BinaryPrimitives.WriteInt32BigEndian(_pipelinedReads.AsSpan((i * one.Length) + 4), i + 10);
        }
    }

    private static byte[] Frame(Action<JuteWriter> write)
    {
        var output = new ArrayBufferWriter<byte>(256);
        output.Advance(4);
        write(new JuteWriter(output));
        FrameWriter.PatchLength(output, 0);
        return output.WrittenSpan.ToArray();
    }
}
