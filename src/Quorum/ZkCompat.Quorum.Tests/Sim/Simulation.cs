namespace ZkCompat.Quorum.Tests.Sim;

/// <summary>
/// One seeded schedule: a fault phase (crashes mid-batch and mid-write, torn flushes, partitions,
/// broken channels, lost, duplicated and reordered votes) under client load, then healing: every
/// server up, no partitions, no faults. A leader must then be established with everyone within
/// <see cref="SimulationProfile.ElectionBoundMs"/>, and once quiet every replica must hold the
/// whole committed sequence. Invariants are checked after every step throughout.
/// </summary>
internal sealed class Simulation
{
    private readonly Cluster _cluster;
    private readonly SimulationProfile _profile;
    private bool _faulty = true;

    public Simulation(int seed, bool trace = false)
    {
        var (options, profile, network) = SimulationProfile.FromSeed(seed);
        _cluster = new Cluster(options with { TraceLines = trace ? 3000 : 0 });
        _profile = profile;
        _cluster.Fabric.Settings.MaxDelayMs = network.MaxDelayMs;
        _cluster.Fabric.Settings.VoteDropRate = network.VoteDropRate;
        _cluster.Fabric.Settings.VoteDuplicateRate = network.VoteDuplicateRate;
        _cluster.CrashAfterDeliveryRate = profile.CrashAfterDeliveryRate;
        _cluster.StorageFaults = StorageFault;
        _cluster.BeforeStep = BeforeStep;
    }

    public Cluster Cluster => _cluster;

    public static SimulationOutcome Run(int seed, bool trace = false) => new Simulation(seed, trace).Run();

    public SimulationOutcome Run()
    {
        _cluster.StartAll();
        _cluster.Run(_profile.FaultPhaseMs);
        Heal();
        var healedAt = _cluster.NowMs;
        if (!_cluster.RunUntil(_cluster.LeaderWithEveryone, _profile.ElectionBoundMs))
            throw _cluster.Failure($"no leader established with every server within {_profile.ElectionBoundMs} ms of healing");
        var electionMs = _cluster.NowMs - healedAt;
        _cluster.Run(_profile.HealedLoadMs);
        _cluster.BeforeStep = null;
        if (!_cluster.RunUntil(_cluster.Converged, _profile.ElectionBoundMs))
            throw _cluster.Failure("not converged while healed and quiet");
        _cluster.CheckConverged();
        return new SimulationOutcome(
            _cluster.Options.Seed,
            _cluster.Servers.Count(),
            _cluster.WritesIssued,
            _cluster.History.Chain.Count,
            _cluster.History.LeaderApplies,
            _cluster.Servers.Sum(s => s.Crashes),
            electionMs);
    }

    private void Heal()
    {
        _faulty = false;
        _cluster.Log("heal: all up, no partitions, no faults");
        _cluster.CrashAfterDeliveryRate = 0;
        _cluster.Fabric.Settings.VoteDropRate = 0;
        _cluster.Fabric.Heal();
        _cluster.StartAll();
    }

    private void BeforeStep()
    {
        var r = _cluster.Random;
        if (_faulty)
            InjectFaults(r);
        if (r.NextDouble() < _profile.WriteRate)
        {
            var up = _cluster.Servers.Where(s => s.IsUp).ToList();
            if (up.Count > 0)
                _cluster.Write(up[r.Next(up.Count)]);
        }

        if (r.NextDouble() < 0.01)
            SessionTraffic(r);
    }

    private void InjectFaults(Random r)
    {
        var servers = _cluster.Servers.ToList();
        if (r.NextDouble() < _profile.CrashRate && servers.Where(s => s.IsUp).ToList() is { Count: > 0 } up)
            _cluster.Crash(up[r.Next(up.Count)].Sid);
        if (r.NextDouble() < _profile.RestartRate && servers.Where(s => !s.IsUp).ToList() is { Count: > 0 } down)
            _cluster.Start(down[r.Next(down.Count)].Sid);
        if (r.NextDouble() < _profile.PartitionRate)
            _cluster.Fabric.Partition(RandomSplit(r, servers.Select(s => s.Sid).ToList()));
        if (r.NextDouble() < _profile.HealRate)
            _cluster.Fabric.Heal();
        if (r.NextDouble() < _profile.BreakRate && _cluster.Fabric.Channels.Where(c => !c.Dead).ToList() is { Count: > 0 } open)
            _cluster.Fabric.Break(open[r.Next(open.Count)]);
    }

    private static List<IReadOnlyCollection<long>> RandomSplit(Random r, List<long> sids)
    {
        var groups = r.Next(2, 4);
        var split = new List<List<long>>();
        for (var g = 0; g < groups; g++)
            split.Add([]);
        foreach (var sid in sids)
            split[r.Next(groups)].Add(sid);
        return split.Where(g => g.Count > 0).Select(g => (IReadOnlyCollection<long>)g).ToList();
    }

    /// <summary>Touches, revalidations and syncs through learners: the leader must answer them.</summary>
    private void SessionTraffic(Random r)
    {
        var learners = _cluster.Servers.Where(s => s.Peer is { IsServing: true, Role: not PeerRole.Leading }).ToList();
        if (learners.Count == 0)
            return;
        var learner = learners[r.Next(learners.Count)];
        learner.Replica!.Touches.Add((learner.Sid << 8, 4000));
        if (r.NextDouble() < 0.5)
            _cluster.Call(learner, p => p.Revalidate(learner.Sid << 8, 4000));
        else
            _cluster.Call(learner, p => p.Forward(new Protocol.Quorum.RequestPacketData(learner.Sid << 8, 0, 9, []), null));
    }

    private StorageFault StorageFault(long sid, StorageOp op, int buffered)
    {
        if (!_faulty || _cluster.Random.NextDouble() >= _profile.StorageCrashRate)
            return Sim.StorageFault.None;
        if (op == StorageOp.Flush && buffered > 0 && _cluster.Random.NextDouble() < 0.5)
            return new StorageFault(StorageFaultKind.TornFlush, _cluster.Random.Next(buffered));
        return new StorageFault(StorageFaultKind.Crash);
    }
}
