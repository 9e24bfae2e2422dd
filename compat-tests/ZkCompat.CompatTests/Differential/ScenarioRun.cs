using System.Buffers;
using ZkCompat.Protocol.Codes;
using ZkCompat.Protocol.Framing;
using ZkCompat.Protocol.Jute;
using ZkCompat.Protocol.Records;

namespace ZkCompat.CompatTests.Differential;

/// <summary>
/// The state of one scenario against one server: its connections, the normalized transcript and
/// the expectations that did not hold. Steps drive it; it never sleeps and every read is bounded.
/// </summary>
internal sealed class ScenarioRun(string host, int port, string root) : IAsyncDisposable
{
    /// <summary>Java answers in milliseconds; the margin is for a busy 2-core machine.</summary>
    public static readonly TimeSpan ReplyBound = TimeSpan.FromSeconds(5);

    private readonly List<TranscriptLine> _lines = [];
    private readonly List<string> _failures = [];
    private readonly List<ScenarioConnection> _retired = [];

    public string Host { get; } = host;

    public int Port { get; } = port;

    public Normalizer N { get; } = new(root);

    public RecordText Text => new(N);

    public Dictionary<string, ScenarioConnection> Connections { get; } = [];

    /// <summary>Every session a handshake created, for the cleanup after the scenario.</summary>
    public List<(long Id, byte[] Password)> Sessions { get; } = [];

    /// <summary>Sessions known to be gone (closed, expired, taken over and closed).</summary>
    public HashSet<long> EndedSessions { get; } = [];

    /// <summary>The largest zxid any reply showed: the base of "lastZxidSeen ahead of the server".</summary>
    public long MaxZxid { get; private set; }

    public int Step { get; set; }

    public IReadOnlyList<TranscriptLine> Lines => _lines;

    public IReadOnlyList<string> Failures => _failures;

    public void Record(string line) => _lines.Add(new TranscriptLine(Step, line));

    public void Fail(string what) => _failures.Add($"step {Step}: {what}");

    public ScenarioConnection Conn(string name) =>
        Connections.TryGetValue(name, out var conn) ? conn : throw new InvalidOperationException($"no connection named '{name}'");

    /// <summary>A new connection under <paramref name="name"/>; one that had the name before is dropped by the client.</summary>
    public async Task<ScenarioConnection> OpenAsync(string name)
    {
        if (Connections.Remove(name, out var old))
        {
            _retired.Add(old);
            if (!old.Closed)
                await old.Wire.DisposeAsync();
            old.Closed = true;
        }

        var conn = new ScenarioConnection(name, await WireConnection.OpenAsync(Host, Port, ReplyBound));
        Connections[name] = conn;
        return conn;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var conn in Connections.Values.Concat(_retired))
            await conn.Wire.DisposeAsync();
    }

    public static byte[] EncodeRequest(int xid, OpCode op, IJuteWritable? body)
    {
        var output = new ArrayBufferWriter<byte>();
        FrameWriter.WriteFrame(output, new RequestHeader(xid, op), body);
        return output.WrittenSpan.ToArray();
    }

    /// <summary>
    /// Sends, or records that the connection was already gone: the same line a read would record, since
    /// whether a send to a closed socket fails or the next read sees the close is a matter of timing.
    /// </summary>
    public async Task<bool> SendAsync(ScenarioConnection conn, byte[] bytes)
    {
        if (await conn.Wire.SendAsync(bytes, ReplyBound))
            return true;
        Record($"{conn.Name}< closed");
        conn.Closed = true;
        return false;
    }

    /// <summary>
    /// Reads and records frames until the reply with <paramref name="xid"/> arrives (notifications
    /// on the way are part of the transcript). Null when the connection closed or time ran out.
    /// </summary>
    public async Task<(ReplyHeader? Header, byte[] Frame)> AwaitReplyAsync(ScenarioConnection conn, int xid)
    {
        while (true)
        {
            var (header, frame, ok) = await ReadOneAsync(conn, ReplyBound);
            if (!ok)
                return (null, []);
            if (header is not null && header.Xid == xid)
                return (header, frame);
        }
    }

    /// <summary>Reads and records one frame; ok is false when the connection ended or went quiet.</summary>
    public async Task<(ReplyHeader? Header, byte[] Frame, bool Ok)> ReadOneAsync(ScenarioConnection conn, TimeSpan bound)
    {
        var read = await conn.Wire.ReadFrameAsync(bound);
        switch (read.Kind)
        {
            case WireReadKind.Frame:
                var (header, text) = FrameDecoder.Decode(read.Bytes, x => conn.Pending.TryGetValue(x, out var op) ? op : null, Text, N);
                Record($"{conn.Name}< {text}");
                if (header is not null)
                {
                    conn.Saw(header.Xid, header.Zxid.Value);
                    if (header.Xid != Xids.Notification && header.Zxid.Value > MaxZxid)
                        MaxZxid = header.Zxid.Value;
                }

                return (header, read.Bytes, true);
            case WireReadKind.Closed:
                var leftover = read.Bytes.Length == 0 ? "" : $" after a partial frame 0x{Convert.ToHexStringLower(read.Bytes)}";
                Record($"{conn.Name}< closed{leftover}");
                conn.Closed = true;
                return (null, [], false);
            case WireReadKind.BadLength:
                Record($"{conn.Name}< bad frame length {BitConverter.ToInt32(read.Bytes)}");
                conn.Broken = true;
                return (null, [], false);
            default:
                Record($"{conn.Name}< nothing within {bound.TotalSeconds:F0}s");
                conn.Broken = true;
                return (null, [], false);
        }
    }

    /// <summary>Records that a step could not run because its connection is gone; that is a divergence in itself.</summary>
    public bool CheckUsable(ScenarioConnection conn)
    {
        if (conn.Usable)
            return true;
        Record($"{conn.Name}: skipped, connection {(conn.Closed ? "closed" : "broken")}");
        Fail($"connection '{conn.Name}' is {(conn.Closed ? "closed" : "broken")}");
        return false;
    }
}
