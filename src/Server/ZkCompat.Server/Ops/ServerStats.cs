using System.Collections.Concurrent;
using ZkCompat.Server.Metrics;

namespace ZkCompat.Server.Ops;

/// <summary>
/// Server-wide counters behind srvr, mntr, the admin stats and the metrics: packets, latency,
/// response sizes and the live connections. Written by connections and the apply loop, hence atomic.
/// </summary>
internal sealed class ServerStats(TimeProvider time, MetricRegistry metrics)
{
    private readonly ConcurrentDictionary<ConnectionStats, byte> _connections = new();
    private readonly long _started = time.GetTimestamp();
    private long _received;
    private long _sent;
    private long _lastResponseBytes = -1;
    private long _minResponseBytes = -1;
    private long _maxResponseBytes = -1;

    public LatencyTracker Latency { get; } = new();

    /// <summary>The server's Java metrics; srst resets them with the rest.</summary>
    public MetricRegistry Metrics => metrics;

    /// <summary>What connections answer four-letter words with (set by <see cref="ServerOps"/>).</summary>
    public FourLetterCommands? FourLetterWords { get; set; }

    public long PacketsReceived => Interlocked.Read(ref _received);

    public long PacketsSent => Interlocked.Read(ref _sent);

    public long LastResponseBytes => Interlocked.Read(ref _lastResponseBytes);

    public long MinResponseBytes => Interlocked.Read(ref _minResponseBytes);

    public long MaxResponseBytes => Interlocked.Read(ref _maxResponseBytes);

    public long UptimeMs => (long)time.GetElapsedTime(_started).TotalMilliseconds;

    public IReadOnlyCollection<ConnectionStats> Connections => (IReadOnlyCollection<ConnectionStats>)_connections.Keys;

    /// <summary>Requests handed to the engine and not yet answered, over all connections.</summary>
    public int Outstanding => _connections.Keys.Sum(c => c.Snapshot().Queued);

    public ConnectionStats Track(string remote)
    {
        var stats = new ConnectionStats(this, time, remote);
        _connections[stats] = 0;
        return stats;
    }

    public void Forget(ConnectionStats connection) => _connections.TryRemove(connection, out _);

    public void Received(int bytes)
    {
        Interlocked.Increment(ref _received);
        metrics.BytesReceived.Add(bytes);
    }

    /// <param name="responseBytes">A ReplyHeader frame's size without its length prefix; null for a handshake.</param>
    public void Sent(int? responseBytes, long? latencyMs)
    {
        Interlocked.Increment(ref _sent);
        if (latencyMs is { } ms)
            Latency.Add(ms);
        if (responseBytes is not { } bytes)
            return;
        Interlocked.Exchange(ref _lastResponseBytes, bytes);
        Update(ref _minResponseBytes, bytes, (old, b) => old < 0 || b < old);
        Update(ref _maxResponseBytes, bytes, (old, b) => b > old);
    }

    /// <summary>srst: latency and packet counts start again, as Java's resetStats does.</summary>
    public void Reset()
    {
        Latency.Reset();
        Interlocked.Exchange(ref _received, 0);
        Interlocked.Exchange(ref _sent, 0);
        Interlocked.Exchange(ref _lastResponseBytes, -1);
        Interlocked.Exchange(ref _minResponseBytes, -1);
        Interlocked.Exchange(ref _maxResponseBytes, -1);
        metrics.Reset();
    }

    /// <summary>crst: every connection's counters start again.</summary>
    public void ResetConnections()
    {
        foreach (var connection in _connections.Keys)
            connection.Reset();
    }

    private static void Update(ref long field, long value, Func<long, long, bool> better)
    {
        var old = Interlocked.Read(ref field);
        while (better(old, value))
        {
            var seen = Interlocked.CompareExchange(ref field, value, old);
            if (seen == old)
                return;
            old = seen;
        }
    }
}
