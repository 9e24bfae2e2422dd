using System.Diagnostics;
using ZkCompat.Quorum;
using ZkCompat.Quorum.Runtime;
using ZkCompat.Server.Ops;

namespace ZkCompat.Server.Host.Quorum;

/// <summary>An ensemble member's role and numbers for srvr, stat and mntr, from the peer's last published snapshot.</summary>
internal sealed class PeerStatus(PeerRuntime runtime) : IQuorumStatus
{
    private PeerSnapshot Now => runtime.Snapshot;

    /// <summary>Java's server state while there is no leader is "leaderelection"; srvr answers "not serving" then anyway.</summary>
    public string Role => Now switch
    {
        { Serving: false } => "leaderelection",
        { Role: PeerRole.Leading } => "leader",
        { Role: PeerRole.Observing } => "observer",
        _ => "follower",
    };

    public string? PeerState => Now switch
    {
        { Role: PeerRole.Looking } => "looking",
        { Role: PeerRole.Leading, Serving: true } => "leading - broadcast",
        { Role: PeerRole.Leading } => "leading - synchronization",
        { Role: PeerRole.Observing, Serving: true } => "observing - broadcast",
        { Role: PeerRole.Observing } => "observing - synchronization",
        { Serving: true } => "following - broadcast",
        _ => "following - synchronization",
    };

    public int? QuorumSize => Now.Voters;

    public int? Learners => Leading ? Now.Learners : null;

    public int? SyncedFollowers => Leading ? Now.SyncedFollowers : null;

    public int? SyncedNonVotingFollowers => Leading ? 0 : null;

    /// <summary>Leader only: a follower has it only as an observer master (observerMasterPort), which we do not run.</summary>
    public int? SyncedObservers => Leading ? Now.SyncedObservers : null;

    public (long Last, long Min, long Max)? ProposalSizes => Leading ? Now.ProposalSizes : null;

    public int? PendingSyncs => Leading ? 0 : null;

    public long? LeaderUptimeMs => Leading && Now.LeaderSinceMs > 0 ? (Stopwatch.GetTimestamp() * 1000 / Stopwatch.Frequency) - Now.LeaderSinceMs : null;

    public long? ObserverMasterId => Now.Role == PeerRole.Observing ? Now.LeaderSid : null;

    private bool Leading => Now is { Role: PeerRole.Leading, Serving: true };
}
