using ZkCompat.Protocol.Ids;
using ZkCompat.Protocol.Quorum;
using ZkCompat.Protocol.Records;
using ZkCompat.Quorum.Config;
using ZkCompat.Quorum.Election;
using ZkCompat.Quorum.Zab;

namespace ZkCompat.Quorum;

/// <summary>
/// One ensemble member as a deterministic state machine: no sockets, clock or threads. The driver
/// (the runtime, or the simulator) feeds it votes, packets, channel events and the time, one call
/// at a time, and calls <see cref="Sync"/> after each batch so that logged txns become durable
/// and are acknowledged. The peer is always in exactly one role object: <see cref="Looking"/>,
/// <see cref="Leading"/> or <see cref="Learning"/> (followers and observers).
/// </summary>
public sealed partial class QuorumPeer
{
    private readonly QuorumConfig _config;
    private readonly IReplica _replica;
    private readonly IPeerNetwork _network;
    private readonly Dictionary<long, List<QuorumPacket>> _parked = [];
    private object _role = null!;
    private long _logicalClock;

    public QuorumPeer(QuorumConfig config, IReplica replica, IPeerNetwork network)
    {
        _config = config;
        _replica = replica;
        _network = network;
    }

    /// <summary>Receives one line per role change and per reason a role ended.</summary>
    public Action<string>? Trace { get; set; }

    public long MyId => _config.MyId;

    public PeerRole Role => _role switch
    {
        Leading => PeerRole.Leading,
        Learning { IsObserver: true } => PeerRole.Observing,
        Learning => PeerRole.Following,
        _ => PeerRole.Looking,
    };

    /// <summary>The outcome of the last finished election (what we answer to LOOKING peers).</summary>
    public Vote CurrentVote { get; private set; }

    /// <summary>Leader: established. Learner: UPTODATE received. Either way: clients are served.</summary>
    public bool IsServing => _role switch
    {
        Leading l => l.Established,
        Learning l => l.UpToDate,
        _ => false,
    };

    public long LeaderSid => _role switch
    {
        Leading => _config.MyId,
        Learning l => l.LeaderSid,
        _ => -1,
    };

    public int LearnerCount => (_role as Leading)?.LearnerCount ?? 0;

    /// <summary>Leader: bytes of the last, smallest and largest proposal; -1 before the first.</summary>
    public (long Last, long Min, long Max) ProposalSizes => (_role as Leading)?.ProposalSizes ?? (-1, -1, -1);

    public int SyncedFollowers => (_role as Leading)?.SyncedFollowers ?? 0;

    public int SyncedObservers => (_role as Leading)?.SyncedObservers ?? 0;

    public void Start(long nowMs) => BecomeLooking(nowMs, "starting");

    public void Tick(long nowMs)
    {
        switch (_role)
        {
            case Looking looking:
                looking.Tick(nowMs);
                break;
            case Leading leading:
                leading.Tick(nowMs);
                break;
            case Learning learning:
                learning.Tick(nowMs);
                break;
        }

        Settle(nowMs);
    }

    /// <summary>Makes logged txns durable, then ACKs them (learners) or counts them (leader).</summary>
    public void Sync()
    {
        switch (_role)
        {
            case Leading leading:
                leading.Sync();
                break;
            case Learning learning:
                learning.Sync();
                break;
        }
    }
}
