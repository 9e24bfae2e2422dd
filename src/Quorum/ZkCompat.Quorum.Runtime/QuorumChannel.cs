using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;
using System.Threading.Channels;
using ZkCompat.Protocol.Jute;
using ZkCompat.Protocol.Quorum;

namespace ZkCompat.Quorum.Runtime;

/// <summary>
/// One quorum-port connection: bare QuorumPackets both ways (§11.1). A SNAP packet's Data travels
/// as the snapshot stream right after the packet, so on the learner side the reader collects it.
/// </summary>
internal sealed class QuorumChannel : IAsyncDisposable
{
    private const int MaxPacketBytes = 1 << 30;
    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly Channel<QuorumPacket> _outbound = Channel.CreateUnbounded<QuorumPacket>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _closed = new();

    public QuorumChannel(long id, Socket socket, bool learnerSide)
    {
        Id = id;
        _socket = socket;
        _socket.NoDelay = true;
        _stream = new NetworkStream(socket, ownsSocket: true);
        LearnerSide = learnerSide;
    }

    public long Id { get; }

    public bool LearnerSide { get; }

    public void Send(QuorumPacket packet) => _outbound.Writer.TryWrite(packet);

    /// <summary>Reads packets until the peer closes; then <paramref name="closed"/> runs once.</summary>
    public async Task RunAsync(Action<QuorumPacket> received, Action<string> closed)
    {
        var writing = WriteLoopAsync();
        var reason = "end of stream";
        try
        {
            await ReadLoopAsync(received).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or SocketException or ProtocolException or ObjectDisposedException or OperationCanceledException)
        {
            reason = e.Message;
        }

        _outbound.Writer.TryComplete();
        await _closed.CancelAsync().ConfigureAwait(false);
        _socket.Close();
        await writing.ConfigureAwait(false);
        closed(reason);
    }

    public async ValueTask DisposeAsync()
    {
        _outbound.Writer.TryComplete();
        await _closed.CancelAsync().ConfigureAwait(false);
        _socket.Close();
    }

    private async Task ReadLoopAsync(Action<QuorumPacket> received)
    {
        var input = PipeReader.Create(_stream);
        QuorumPacket? snap = null;
        while (true)
        {
            var result = await input.ReadAsync(_closed.Token).ConfigureAwait(false);
            var buffer = result.Buffer;
            while (true)
            {
                if (snap is not null)
                {
                    if (!SnapshotTransfer.TryRead(ref buffer, MaxPacketBytes, out var stream))
                        break;
                    received(snap with { Data = stream });
                    snap = null;
                    continue;
                }

                if (!QuorumPacket.TryRead(ref buffer, MaxPacketBytes, out var packet))
                    break;
                if (packet!.Type == QuorumPacketType.Snap && LearnerSide)
                    snap = packet;
                else
                    received(packet);
            }

            input.AdvanceTo(buffer.Start, buffer.End);
            if (result.IsCompleted)
                return;
        }
    }

    private async Task WriteLoopAsync()
    {
        var output = new ArrayBufferWriter<byte>(64 * 1024);
        try
        {
            while (await _outbound.Reader.WaitToReadAsync().ConfigureAwait(false))
            {
                while (_outbound.Reader.TryRead(out var packet))
                {
                    var snapStream = packet.Type == QuorumPacketType.Snap ? packet.Data : null;
                    (snapStream is null ? packet : packet with { Data = null }).Write(new JuteWriter(output));
                    if (snapStream is not null)
                        output.Write(snapStream);
                }

                await _stream.WriteAsync(output.WrittenMemory, _closed.Token).ConfigureAwait(false);
                output.ResetWrittenCount();
            }
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            _socket.Close();
        }
    }
}
