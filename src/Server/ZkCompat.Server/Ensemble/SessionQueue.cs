using ZkCompat.Server.Processing;

namespace ZkCompat.Server.Ensemble;

/// <summary>
/// Per-session FIFO while the quorum works: requests in flight, and requests that arrived behind
/// them and must wait, reads included, so a session sees its own writes in order.
/// </summary>
internal sealed class SessionQueue
{
    public Queue<PendingOp> InFlight { get; } = new();

    public Queue<ClientRequest> Waiting { get; } = new();

    public bool Idle => InFlight.Count == 0 && Waiting.Count == 0;
}
