using ZkCompat.Server.Processing;

namespace ZkCompat.Server.Ensemble;

/// <summary>
/// Per-session FIFO while the quorum works: requests in flight (writes, closeSession, sync, all
/// answered in quorum order), and requests that arrived behind them and must wait: reads until
/// every request ahead is answered, so a session sees its own writes, and writes behind a read.
/// </summary>
internal sealed class SessionQueue
{
    public Queue<PendingOp> InFlight { get; } = new();

    public Queue<ClientRequest> Waiting { get; } = new();

    public bool Idle => InFlight.Count == 0 && Waiting.Count == 0;
}
