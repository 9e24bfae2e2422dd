using ZkCompat.Protocol.Quorum;
using ZkCompat.Protocol.Records;

namespace ZkCompat.Quorum.Tests.Sim;

/// <summary>The client-facing callbacks: recorded for the cluster to act on after each call.</summary>
internal sealed partial class SimReplica
{
    public Queue<(long Channel, RequestPacketData Request)> Requests { get; } = new();

    public Queue<(long Channel, long SessionId)> Revalidations { get; } = new();

    public List<(long SessionId, int TimeoutMs)> Touches { get; } = [];

    public int TouchedCount { get; private set; }

    public int RevalidatedCount { get; private set; }

    public int SyncedCount { get; private set; }

    public IReadOnlyList<(long SessionId, int TimeoutMs)> TakeTouches()
    {
        var touches = Touches.ToList();
        Touches.Clear();
        return touches;
    }

    public void LearnerRequest(long channel, RequestPacketData request, IReadOnlyList<Id>? authInfo) =>
        Requests.Enqueue((channel, request));

    public void Touch(long sessionId, int timeoutMs) => TouchedCount++;

    public void Revalidate(long channel, long sessionId, int timeoutMs) => Revalidations.Enqueue((channel, sessionId));

    public void Revalidated(long sessionId, bool valid) => RevalidatedCount++;

    public void Synced() => SyncedCount++;
}
