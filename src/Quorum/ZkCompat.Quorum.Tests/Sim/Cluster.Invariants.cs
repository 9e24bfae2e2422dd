using System.Text;

namespace ZkCompat.Quorum.Tests.Sim;

/// <summary>The invariants checked after every step, and the end-of-run convergence checks.</summary>
internal sealed partial class Cluster
{
    public void CheckInvariants()
    {
        foreach (var server in _servers.Values)
        {
            if (server.Replica is { Serving: { } serving } replica)
                History.CheckServing(server.Sid, serving.Role, replica.State);
        }

        if (History.Violations.Count > 0)
            throw Failure(string.Join("\n", History.Violations));
    }

    /// <summary>One established leader, every server up and serving under it.</summary>
    public bool LeaderWithEveryone()
    {
        if (EstablishedLeader is not { } leader)
            return false;
        return _servers.Values.All(s => s.Peer is { IsServing: true } p && p.LeaderSid == leader.Sid);
    }

    /// <summary>Healed and quiet: everyone serves under one leader and holds the whole committed sequence.</summary>
    public bool Converged() =>
        LeaderWithEveryone()
        && _servers.Values.All(s => s.Replica!.State.Count == History.Chain.Count && s.Replica.State.Digest == History.Chain.Digest);

    /// <summary>Every committed txn is in every replica's applied state, and all digests are equal.</summary>
    public void CheckConverged()
    {
        var problems = new StringBuilder();
        foreach (var server in _servers.Values)
        {
            var state = server.Replica?.State;
            if (state is null)
            {
                problems.AppendLine($"server {server.Sid} is down");
                continue;
            }

            var held = state.Entries.Select(e => Encoding.UTF8.GetString(e.Txn)).ToHashSet();
            var missing = History.Acknowledged.Where(t => !held.Contains(t)).ToList();
            if (missing.Count > 0)
                problems.AppendLine($"server {server.Sid} lacks {missing.Count} committed txns, e.g. {string.Join(",", missing.Take(5))}");
            if (state.Digest != History.Chain.Digest)
                problems.AppendLine($"server {server.Sid} digest differs: {state.Count} txns to {state.Last}, committed {History.Chain.Count} to {History.Chain.Last}");
        }

        if (problems.Length > 0)
            throw Failure(problems.ToString());
    }

    public SimulationFailedException Failure(string what, Exception? inner = null)
    {
        var text = $"seed {Options.Seed} at {NowMs} ms: {what}\n{Status()}\n--- trace ---\n{Trace()}";
        return inner is null ? new SimulationFailedException(text) : new SimulationFailedException(text, inner);
    }

    public string Status() => string.Join('\n', _servers.Values.Select(s => s.Peer is { } p
        ? $"server {s.Sid}: {p.Role} serving={p.IsServing} leader={p.LeaderSid} applied={s.Replica!.State.Count} to {s.Replica.State.Last} logged {s.Replica.LastLogged} epochs {s.Disk.AcceptedEpoch}/{s.Disk.CurrentEpoch}"
        : $"server {s.Sid}: down, logged {s.Disk.LastLogged} epochs {s.Disk.AcceptedEpoch}/{s.Disk.CurrentEpoch}"))
        + $"\ndeliveries {string.Join(", ", Enum.GetValues<SimEventKind>().Select(k => $"{k} {Deliveries[(int)k]}"))}"
        + $"\ncommitted {History.Chain.Count} to {History.Chain.Last}; leaders by epoch {string.Join(",", History.LeaderOfEpoch.Select(kv => $"{kv.Key}:{kv.Value}"))}";

    private void CheckStartable(SimServer server)
    {
        var disk = server.Disk;
        if (disk.AcceptedEpoch < disk.CurrentEpoch)
            History.Violation($"server {server.Sid} would not start: acceptedEpoch {disk.AcceptedEpoch} < currentEpoch {disk.CurrentEpoch}");
        if (disk.CurrentEpoch < disk.LastLogged.Epoch && disk.StagedCurrentEpoch >= disk.LastLogged.Epoch)
        {
            // What EnsembleReplica and Java 3.8.0 do at start: take the staged currentEpoch.tmp.
            disk.CurrentEpoch = disk.StagedCurrentEpoch.Value;
            disk.StagedCurrentEpoch = null;
        }

        if (disk.CurrentEpoch < disk.LastLogged.Epoch)
            History.Violation($"server {server.Sid} would not start (nor would Java): currentEpoch {disk.CurrentEpoch} < epoch of last logged {disk.LastLogged}");
    }
}
