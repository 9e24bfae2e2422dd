using System.Text;
using ZkCompat.Protocol.Quorum;
using ZkCompat.Quorum.Config;

namespace ZkCompat.Quorum.Tests.Sim;

/// <summary>
/// A simulated ensemble: servers, the network, virtual time and the oracle. Each
/// <see cref="Step"/> advances time, delivers what is due (calling Sync after each batch),
/// ticks every peer and checks the invariants. Everything random comes from one seed.
/// </summary>
internal sealed partial class Cluster
{
    private readonly Dictionary<long, SimServer> _servers = [];
    private readonly Queue<string> _trace = new();
    private readonly List<QuorumMember> _members = [];
    private long _writes;

    public Cluster(ClusterOptions options)
    {
        Options = options;
        Random = new Random(options.Seed);
        Fabric = new SimFabric(Random, new NetworkSettings(), sid => _servers[sid].IsUp ? _servers[sid].Incarnation : null);
        History.Context = () => $"[{NowMs} ms] ";
        for (var sid = 1; sid <= options.Voters + options.Observers; sid++)
        {
            var observer = sid > options.Voters;
            _servers[sid] = new SimServer(sid, observer);
            _members.Add(new QuorumMember(sid, "sim" + sid, 2888, 3888, observer));
        }

        if (options.TraceLines > 0)
            Fabric.Trace = Log;
    }

    public ClusterOptions Options { get; }

    public Random Random { get; }

    public SimFabric Fabric { get; }

    public CommittedHistory History { get; } = new();

    public long NowMs { get; private set; }

    public IEnumerable<SimServer> Servers => _servers.Values;

    public SimServer this[long sid] => _servers[sid];

    /// <summary>Scripted tests look at (and may act on) each delivery before it happens.</summary>
    public Func<SimServer, SimEvent, DeliveryVerdict>? Intercept { get; set; }

    /// <summary>Random faults and client load, run at the start of each step.</summary>
    public Action? BeforeStep { get; set; }

    /// <summary>The fate of each durable write; given to every replica started from now on.</summary>
    public Func<long, StorageOp, int, StorageFault>? StorageFaults { get; set; }

    /// <summary>Chance that a server dies right after handling a delivery, before the driver's Sync.</summary>
    public double CrashAfterDeliveryRate { get; set; }

    public SimServer? EstablishedLeader => _servers.Values.Where(s => s.IsEstablishedLeader).MaxBy(s => s.Replica!.Serving!.Value.Epoch);

    public long WritesIssued => _writes;

    /// <summary>A step that delivers more than this is a storm (every peer answering every message).</summary>
    public int MaxDeliveriesPerStep { get; set; } = 20_000;

    public void StartAll()
    {
        foreach (var server in _servers.Values.Where(s => !s.IsUp))
            Start(server.Sid);
    }

    public void Start(long sid)
    {
        var server = _servers[sid];
        if (server.IsUp)
            return;
        server.Incarnation++;
        CheckStartable(server);
        var config = new QuorumConfig
        {
            MyId = sid,
            Members = _members,
            TickTimeMs = Options.TickTimeMs,
            InitLimit = Options.InitLimit,
            SyncLimit = Options.SyncLimit,
            CommitLogCount = Options.CommitLogCount,
            SnapshotSizeFactor = Options.SnapshotSizeFactor,
        };
        server.Replica = new SimReplica(sid, server.Disk, History, Options.MaxLogEntries) { Faults = StorageFaults };
        server.Peer = new QuorumPeer(config, server.Replica, new SimNetwork(Fabric, sid, server.Incarnation));
        if (Options.TraceLines > 0)
            server.Peer.Trace = line => Log($"{sid}: {line}");
        Log($"{sid}: start (incarnation {server.Incarnation}, log to {server.Disk.LastLogged}, epochs {server.Disk.AcceptedEpoch}/{server.Disk.CurrentEpoch})");
        Call(server, p => p.Start(NowMs));
    }

    public void Crash(long sid, string reason = "crash", bool deliverInFlight = false)
    {
        var server = _servers[sid];
        if (!server.IsUp)
            return;
        Log($"{sid}: {reason} (loses {server.Replica!.BufferedCount} buffered txns)");
        Fabric.Crash(sid, deliverInFlight);
        server.Peer = null;
        server.Replica = null;
        server.CrashRequested = false;
        server.Crashes++;
    }

    public void Step()
    {
        NowMs += Options.StepMs;
        Fabric.NowMs = NowMs;
        BeforeStep?.Invoke();
        var budget = MaxDeliveriesPerStep;
        while (Fabric.TryDequeue(NowMs, out var ev))
        {
            if (--budget < 0)
                throw Failure($"message storm: more than {MaxDeliveriesPerStep} deliveries in one {Options.StepMs} ms step, {Fabric.Pending} pending");
            Deliver(ev);
        }
        foreach (var server in _servers.Values.Where(s => s.IsUp))
            Sync(server);
        foreach (var server in _servers.Values.Where(s => s.IsUp))
            Call(server, p => p.Tick(NowMs));
        CheckInvariants();
    }

    /// <summary>Steps until <paramref name="condition"/> holds; false if <paramref name="maxMs"/> passed first.</summary>
    public bool RunUntil(Func<bool> condition, long maxMs)
    {
        var until = NowMs + maxMs;
        while (!condition())
        {
            if (NowMs >= until)
                return false;
            Step();
        }

        return true;
    }

    public void Run(long ms)
    {
        var until = NowMs + ms;
        while (NowMs < until)
            Step();
    }

    /// <summary>A client write through <paramref name="via"/>: proposed there if it leads, forwarded if it follows.</summary>
    public string? Write(SimServer via)
    {
        if (via.Peer is not { IsServing: true } peer)
            return null;
        var txn = "w" + ++_writes;
        var bytes = Encoding.UTF8.GetBytes(txn);
        if (peer.Role == PeerRole.Leading)
            Propose(via, bytes);
        else
            Call(via, p => p.Forward(new RequestPacketData(via.Sid, (int)_writes, 1, bytes), null));
        return txn;
    }

    public void Sync(SimServer server)
    {
        if (!server.SyncHeld && server.IsUp)
            Call(server, p => p.Sync());
    }

    public void Log(string line)
    {
        if (Options.TraceLines <= 0)
            return;
        _trace.Enqueue($"[{NowMs,6}] {line}");
        while (_trace.Count > Options.TraceLines)
            _trace.Dequeue();
    }

    public string Trace() => string.Join('\n', _trace);
}
