using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using ZkCompat.Protocol.Codes;
using ZkCompat.Protocol.Framing;
using ZkCompat.Protocol.Ids;
using ZkCompat.Protocol.Jute;
using ZkCompat.Protocol.Records;
using ZkCompat.Server.Ops;
using ZkCompat.Server.Options;
using ZkCompat.Server.Processing;

namespace ZkCompat.Server.Net;

/// <summary>
/// One client connection over a duplex pipe: reads frames, decodes them and posts them to the
/// engine; writes whatever the engine sends, in order. It never touches engine state.
/// </summary>
internal sealed class ClientConnection : IClientChannel
{
    /// <summary>A client that stops reading is dropped once this much output waits for it.</summary>
    private const int MaxPendingBytes = 64 * 1024 * 1024;

    private readonly IDuplexPipe _transport;
    private readonly Engine _engine;
    private readonly int _maxFrameBytes;
    private readonly TimeSpan _sessionlessTimeout;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly Channel<bool> _outputReady = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly TaskCompletionSource _established = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ArrayBufferWriter<byte> _pending = new();
    private ArrayBufferWriter<byte> _spare = new();
    private readonly ConnectionStats? _stats;
    private readonly RequestThrottle _throttle;
    private readonly RequestDecoder _decoder;
    private int _unanswered;
    private bool _closing;

    /// <param name="stats">This connection's counters; also enables every four-letter word (ruok only without).</param>
    public ClientConnection(IDuplexPipe transport, Engine engine, string remoteAddress, ServerOptions options, ILogger logger, ConnectionStats? stats = null, RequestThrottle? throttle = null)
    {
        _stats = stats;
        _throttle = throttle ?? new RequestThrottle(int.MaxValue);
        _decoder = new RequestDecoder(this);
        _transport = transport;
        _engine = engine;
        RemoteAddress = remoteAddress;
        _maxFrameBytes = options.MaxFrameBytes;
        _sessionlessTimeout = TimeSpan.FromMilliseconds(options.SessionlessConnectionTimeoutMs);
        _logger = logger;
    }

    public string RemoteAddress { get; }

    public long SessionId { get; set; }

    public HashSet<Id> AuthIds { get; } = [];

    public async Task RunAsync()
    {
        var writing = WriteLoopAsync();
        try
        {
            await ReadLoopAsync().ConfigureAwait(false);
        }
        catch (ProtocolException e)
        {
            Log.ClosingBadConnection(_logger, RemoteAddress, e.Message);
        }
        catch (IOException)
        {
            // The peer went away; nothing to report.
        }
        catch (OperationCanceledException)
        {
            Log.ClosingBadConnection(_logger, RemoteAddress, $"no ConnectRequest within {_sessionlessTimeout.TotalMilliseconds} ms");
            _stats?.Server.Metrics.Counter("sessionless_connections_expired").Add(1);
        }

        _engine.Post(new DisconnectWork(this));
        Close();
        await writing.ConfigureAwait(false);
        lock (_gate)
        {
            _throttle.Exit(_unanswered);
            _unanswered = 0;
        }
        await _transport.Input.CompleteAsync().ConfigureAwait(false);
        if (_stats is not null)
            _stats.Server.Forget(_stats);
    }

    public void Send(IJuteWritable header, IJuteWritable? body)
    {
        if (header is ReplyHeader reply)
        {
            Reply(reply.Xid, reply.Zxid, reply.Err, body);
            return;
        }

        lock (_gate)
        {
            if (_closing)
                return;
            var before = _pending.WrittenCount;
            FrameWriter.WriteFrame(_pending, header, body);
            _stats?.Sent(header, _pending.WrittenCount - before);
            LimitPending();
        }

        _outputReady.Writer.TryWrite(true);
    }

    public void Reply(int xid, Zxid zxid, ErrorCode err, IJuteWritable? body)
    {
        lock (_gate)
        {
            if (_closing)
                return;
            var before = _pending.WrittenCount;
            FrameWriter.WriteReplyFrame(_pending, xid, zxid, err, body);
            if (xid != Xids.Notification && _unanswered > 0)
            {
                _unanswered--;
                _throttle.Exit();
            }

            _stats?.SentReply(xid, zxid, _pending.WrittenCount - before);
            LimitPending();
        }

        _outputReady.Writer.TryWrite(true);
    }

    public void SendConnectResponse(ConnectResponse response, bool withReadOnlyByte)
    {
        _stats?.Connected(response);
        Send(response, withReadOnlyByte ? ReadOnlyFlag.False : null);
        _established.TrySetResult();
    }

    public void Close()
    {
        lock (_gate)
            _closing = true;
        _established.TrySetResult();
        _transport.Input.CancelPendingRead();
        _outputReady.Writer.TryWrite(true);
    }

    private async Task ReadLoopAsync()
    {
        var input = _transport.Input;
        var connected = false;
        using var handshakeDeadline = new CancellationTokenSource(_sessionlessTimeout);
        while (!IsClosing)
        {
            var result = await input.ReadAsync(connected ? default : handshakeDeadline.Token).ConfigureAwait(false);
            var buffer = result.Buffer;
            if (!connected && FrameReader.TryPeekLength(buffer, out var first) && IsFourLetterWord(first))
            {
                var answer = await FourLetterAnswerAsync(first, input, result).ConfigureAwait(false);
                _stats?.SentText(answer.Length);
                SendRaw(answer);
                return;
            }

            var pause = false;
            while (!IsClosing && !pause && FrameReader.TryReadFrame(ref buffer, _maxFrameBytes, out var frame))
            {
                _stats?.Received(4 + (int)frame.Length);
                if (connected)
                {
                    var request = _decoder.Decode(frame);
                    _stats?.Posted(request.Op);
                    lock (_gate)
                        _unanswered++;
                    _throttle.Enter();
                    _engine.Post(request);
                    // At the global limit, read no further until replies drain (back-pressure).
                    pause = !_throttle.WhenBelowLimit().IsCompleted;
                    continue;
                }

                _engine.Post(DecodeConnect(frame));
                connected = pause = true;
            }

            input.AdvanceTo(buffer.Start, pause ? buffer.Start : buffer.End);
            if (pause)
            {
                // Like Java, read nothing more until the session exists (§1.1), nor past the request limit.
                await _established.Task.ConfigureAwait(false);
                await _throttle.WhenBelowLimit().ConfigureAwait(false);
                continue;
            }

            if (result.IsCompleted && !IsClosing)
                // The client hung up (Java's handleFailedRead).
                _stats?.Server.Metrics.Counter("connection_drop_count").Add(1);
            if (result.IsCompleted || result.IsCanceled)
                return;
        }
    }

    /// <summary>Under the gate: drops a client that stopped reading its replies.</summary>
    private void LimitPending()
    {
        if (_pending.WrittenCount > MaxPendingBytes)
        {
            Log.ClosingBadConnection(_logger, RemoteAddress, "client is not reading its replies");
            _pending.ResetWrittenCount();
            _closing = true;
        }
    }

    private bool IsClosing
    {
        get
        {
            lock (_gate)
                return _closing;
        }
    }

    private ConnectWork DecodeConnect(ReadOnlySequence<byte> frame)
    {
        var reader = new JuteReader(frame);
        return new ConnectWork(this, ConnectRequest.Read(ref reader), reader.TryReadBool(out _));
    }

    /// <summary>Whether the first int of a fresh connection is a four-letter word rather than a frame length (§8.1).</summary>
    private bool IsFourLetterWord(int first) =>
        _stats is null ? FourLetterWords.Answer(first) is not null : FourLetterCommands.WordOf(first) is not null;

    /// <summary>The word's answer; stmk's is its 8-byte mask, read from what follows the word (nothing when it never comes).</summary>
    private async Task<byte[]> FourLetterAnswerAsync(int first, PipeReader input, ReadResult result)
    {
        if (_stats is null)
            return FourLetterWords.Answer(first)!;
        var word = FourLetterCommands.WordOf(first)!;
        _stats.Received(4);
        var commands = _stats.Server.FourLetterWords!;
        if (word == FourLetterCommands.SetTraceMask && commands.IsEnabled(word))
            return await FourLetterWords.ReadTraceMaskAsync(input, result).ConfigureAwait(false) is { } mask ? Encoding.ASCII.GetBytes(commands.SetTraceMaskTo(mask)) : [];
        return Encoding.ASCII.GetBytes(await commands.AnswerAsync(word).ConfigureAwait(false));
    }

    private void SendRaw(byte[] bytes)
    {
        lock (_gate)
        {
            _pending.Write(bytes);
            _closing = true;
        }

        _outputReady.Writer.TryWrite(true);
    }

    private async Task WriteLoopAsync()
    {
        var output = _transport.Output;
        try
        {
            while (true)
            {
                await _outputReady.Reader.ReadAsync().ConfigureAwait(false);
                bool closing;
                ArrayBufferWriter<byte> batch;
                lock (_gate)
                {
                    (batch, _pending, _spare) = (_pending, _spare, _pending);
                    closing = _closing;
                }

                if (batch.WrittenCount > 0)
                {
                    await output.WriteAsync(batch.WrittenMemory).ConfigureAwait(false);
                    batch.ResetWrittenCount();
                }

                if (closing)
                    break;
            }
        }
        catch (IOException)
        {
        }
        catch (InvalidOperationException)
        {
            // The transport is already gone.
        }

        await output.CompleteAsync().ConfigureAwait(false);
    }
}
