namespace ZkCompat.Server.Ops;

/// <summary>One connection's counters at one moment (cons, stat, the connections admin command).</summary>
internal sealed record ConnectionSnapshot(
    string Remote,
    int InterestOps,
    int Queued,
    long Received,
    long Sent,
    long SessionId,
    string LastOp,
    long EstablishedMs,
    int SessionTimeoutMs,
    long LastCxid,
    long LastZxid,
    long LastResponseMs,
    long LastLatencyMs,
    long MinLatencyMs,
    double AvgLatencyMs,
    long MaxLatencyMs);
