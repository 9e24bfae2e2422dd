namespace ZkCompat.Quorum.Config;

/// <summary>
/// The ensemble as this server sees it: its own id, every member, and the limits of ZAB
/// (PROTOCOL.md §9, §11). Majority quorums only.
/// </summary>
public sealed record QuorumConfig
{
    public required long MyId { get; init; }

    public required IReadOnlyList<QuorumMember> Members { get; init; }

    public int TickTimeMs { get; init; } = 3000;

    /// <summary>Ticks a learner has to connect and sync.</summary>
    public int InitLimit { get; init; } = 10;

    /// <summary>Ticks a synced learner may stay silent.</summary>
    public int SyncLimit { get; init; } = 5;

    /// <summary>Attempts to bind the election port, 1 s apart; 0 = forever.</summary>
    public int ElectionPortBindRetry { get; init; } = 3;

    /// <summary>Bind quorum and election ports on every address.</summary>
    public bool QuorumListenOnAllIPs { get; init; }

    public QuorumMember Me => Members.First(m => m.Sid == MyId);

    public bool IAmObserver => Me.IsObserver;

    public IEnumerable<long> Voters => Members.Where(m => !m.IsObserver).Select(m => m.Sid);

    public bool IsVoter(long sid) => Members.Any(m => m.Sid == sid && !m.IsObserver);

    /// <summary>True when <paramref name="sids"/> holds a strict majority of the voters.</summary>
    public bool IsQuorum(IEnumerable<long> sids)
    {
        var voters = Voters.ToHashSet();
        return sids.Distinct().Count(voters.Contains) * 2 > voters.Count;
    }
}
