namespace ZkCompat.Quorum.Zab;

/// <summary>Where a learner stands with the leader (PROTOCOL.md §11.4).</summary>
internal enum LearnerPhase
{
    /// <summary>Connected; FOLLOWERINFO/OBSERVERINFO not yet read.</summary>
    Connected,

    /// <summary>Info read; waiting for the new epoch to be decided.</summary>
    Info,

    /// <summary>LEADERINFO sent; waiting for ACKEPOCH.</summary>
    EpochSent,

    /// <summary>ACKEPOCH read; waiting for a quorum of them before sync.</summary>
    EpochAcked,

    /// <summary>Sync and NEWLEADER sent; in the forwarding set; waiting for the NEWLEADER ACK.</summary>
    Syncing,

    /// <summary>NEWLEADER acknowledged; UPTODATE follows once the leader is established.</summary>
    Synced,

    /// <summary>UPTODATE sent: serving.</summary>
    UpToDate,
}
