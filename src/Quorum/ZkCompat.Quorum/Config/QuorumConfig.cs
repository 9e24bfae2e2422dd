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

    /// <summary>
    /// zookeeper.commitLogCount: the leader keeps the last this-many-plus-one committed txns in
    /// memory and DIFFs a learner whose last zxid is among them (Java's ZKDatabase keeps one more
    /// than the count). Java raises values below 500 to 500; the config reader does that, not this record.
    /// </summary>
    public int CommitLogCount { get; init; } = 500;

    /// <summary>
    /// Committed txns kept for DIFF: Java's ZKDatabase drops the oldest only when it holds more than
    /// commitLogCount before adding one, so it keeps commitLogCount + 1 (int.MaxValue: all of them).
    /// </summary>
    public int CommittedLogCapacity => (int)Math.Min(int.MaxValue, (long)CommitLogCount + 1);

    /// <summary>
    /// zookeeper.snapshotSizeFactor: a learner behind the in-memory committed log is DIFFed from the
    /// on-disk txn log when the log files to read are at most this share of the newest snapshot's
    /// size (0: any size); negative (or NaN) turns reading the log off, and such a learner gets SNAP.
    /// </summary>
    public double SnapshotSizeFactor { get; init; } = 0.33;

    /// <summary>zookeeper.cnxTimeout: how long dialling a peer's election port may take; 0 waits as long as the OS does.</summary>
    public int ElectionConnectTimeoutMs { get; init; } = 5000;

    /// <summary>zookeeper.tcpKeepAlive: SO_KEEPALIVE on election connections, both dialled and accepted (Java sets it nowhere else).</summary>
    public bool TcpKeepAlive { get; init; }

    /// <summary>Bind quorum and election ports on every address.</summary>
    public bool QuorumListenOnAllIPs { get; init; }

    /// <summary>
    /// standaloneEnabled (§9.3). A parsed config is only a quorum when this is false or there are
    /// two voters or more; false with one voter makes a one-member quorum.
    /// </summary>
    public bool StandaloneEnabled { get; init; } = true;

    /// <summary>
    /// The version of this membership: 0 for zoo.cfg, or the hex suffix of a dynamicConfigFile named
    /// like <c>zoo.cfg.dynamic.100000000</c>. With reconfigEnabled=false Java never changes it.
    /// </summary>
    public long ConfigVersion { get; init; }

    /// <summary>
    /// The membership as Java's QuorumMaj.toString() writes it, byte for byte: the text of FLE
    /// notifications, of NEWLEADER, and of the /zookeeper/config znode. One line per member,
    /// <c>server.&lt;sid&gt;=&lt;host&gt;:&lt;quorumPort&gt;:&lt;electionPort&gt;:participant|observer</c>, then
    /// <c>;&lt;clientHost&gt;:&lt;clientPort&gt;</c> only when the server line had a client part (a port
    /// alone gives host 0.0.0.0; a clientPort taken from zoo.cfg is not written), each ending in
    /// "\n"; then <c>version=&lt;lower-case hex&gt;</c> with no newline. IPv6 hosts are written in
    /// brackets, in Java's long form (<c>[0:0:0:0:0:0:0:1]</c>); host names as written. Members come
    /// in java.util.HashMap&lt;Long,…&gt; order (small ids ascending; see ConfigTextFormat.InJavaHashMapOrder),
    /// taking <see cref="Members"/> as the insertion order.
    /// Evidence: Java 3.8.0 (Debian, JDK 17) 3-node ensemble, /zookeeper/config read with kazoo:
    /// zoo.cfg lines <c>server.1=127.0.0.1:2291:2391</c>, <c>server.2=localhost:2292:2392;2191</c>,
    /// <c>server.3=127.0.0.1:2293:2393:participant;127.0.0.1:21913</c> gave
    /// <c>server.1=127.0.0.1:2291:2391:participant\nserver.2=localhost:2292:2392:participant;0.0.0.0:2191\nserver.3=127.0.0.1:2293:2393:participant;127.0.0.1:21913\nversion=0</c>
    /// (161 bytes; the same on leader and followers, and in the "membership:" part of the conf
    /// 4lw); ids 5, 18, 33, 34 came out as 33, 34, 18, 5 with <c>[::1]</c> as
    /// <c>[0:0:0:0:0:0:0:1]</c>; a dynamic file <c>zoo.cfg.dynamic.1a0000000</c> gave
    /// <c>version=1a0000000</c>.
    /// </summary>
    public string ConfigText => ConfigTextFormat.Format(Members, ConfigVersion);

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
