using ZkCompat.Protocol.Ids;

namespace ZkCompat.Quorum.Zab;

/// <summary>The leader's view of one learner connection.</summary>
internal sealed class LearnerLink(long channel, long nowMs)
{
    public long Channel { get; } = channel;

    public long Sid { get; set; } = -1;

    public bool IsObserver { get; set; }

    public bool IsVoter { get; set; }

    public LearnerPhase Phase { get; set; } = LearnerPhase.Connected;

    public long AcceptedEpoch { get; set; }

    public long CurrentEpoch { get; set; }

    public Zxid LastZxid { get; set; }

    public long LastHeardMs { get; set; } = nowMs;

    /// <summary>In the forwarding set: gets every proposal/commit (or inform) from now on.</summary>
    public bool Forwarding => Phase >= LearnerPhase.Syncing;
}
