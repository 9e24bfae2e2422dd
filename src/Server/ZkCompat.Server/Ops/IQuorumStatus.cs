namespace ZkCompat.Server.Ops;

/// <summary>
/// The server's place in an ensemble, as the ops commands report it: srvr and stat print
/// <c>Mode: </c><see cref="Role"/>, mntr prints it as zk_server_state and adds the role's keys.
/// The core knows only this interface: a standalone server uses <see cref="StandaloneStatus"/>,
/// the quorum runtime implements it for a peer (read from any thread; cheap; values may be a
/// moment old). Every number defaults to null, which leaves its mntr key out, as Java leaves out
/// a gauge that returns null (its leader gauges do while there is no leader). The last zxid is
/// not here: srvr and mntr take it from the engine the peer applies to.
/// </summary>
internal interface IQuorumStatus
{
    /// <summary>"standalone", "leader", "follower" or "observer" (Java's ServerStats.getServerState).</summary>
    string Role { get; }

    /// <summary>zk_peer_state, any quorum role: QuorumPeer.getDetailedPeerState, e.g. "leading - broadcast", "following - synchronization".</summary>
    string? PeerState => null;

    /// <summary>zk_quorum_size, any quorum role: the voting members of the current configuration.</summary>
    int? QuorumSize => null;

    /// <summary>zk_learners, leader: followers and observers connected to it.</summary>
    int? Learners => null;

    /// <summary>zk_synced_followers, leader: voting followers past synchronization.</summary>
    int? SyncedFollowers => null;

    /// <summary>zk_synced_non_voting_followers, leader: synced followers that are not voters of the current configuration.</summary>
    int? SyncedNonVotingFollowers => null;

    /// <summary>zk_synced_observers, leader and follower (as observer master): observers synced to this peer.</summary>
    int? SyncedObservers => null;

    /// <summary>zk_pending_syncs, leader: sync requests waiting for their commit.</summary>
    int? PendingSyncs => null;

    /// <summary>zk_leader_uptime, leader: milliseconds since it became leader.</summary>
    long? LeaderUptimeMs => null;

    /// <summary>zk_last_proposal_size, zk_min_proposal_size, zk_max_proposal_size, leader: bytes of proposals sent (-1 before the first).</summary>
    (long Last, long Min, long Max)? ProposalSizes => null;

    /// <summary>zk_observer_master_id, observer: the server id it syncs from.</summary>
    long? ObserverMasterId => null;
}
