using System.Diagnostics;
using System.Globalization;
using Xunit.Abstractions;
using ZkCompat.CompatTests.Durability;
using ZkCompat.CompatTests.Servers;
using ZkCompat.CompatTests.Support;

namespace ZkCompat.CompatTests.Ensemble;

/// <summary>
/// SIGKILLs the leader of a 3+1 ensemble under a paced kazoo write load (clients/ensemble/ensemble_client.py
/// load, every member in its host list): one leader must be elected again and take writes, the killed member
/// must rejoin after a restart on its dataDir while writes go on, and every acknowledged write must be on
/// every member, each dumped directly after a <c>sync</c>, with all dumps identical. The times from the kill
/// to one leader again and to the first write acknowledged after it are printed and appended to
/// <see cref="ElectionTimes.FilePath"/>.
/// </summary>
[Collection(SerialEnsembles.Name)]
public sealed class LeaderFailoverTests(ITestOutputHelper output)
{
    private const string Script = "ensemble/ensemble_client.py";
    private const string Root = "/failover";
    private const int AcksBeforeKill = 100;

    private static readonly TimeSpan LoadStartTimeout = TimeSpan.FromSeconds(30);

    // Java needs about a second for both on this machine; the bound is for a busy CI host.
    private static readonly TimeSpan ElectionTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan WriteTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(30);

    [Theory]
    [MemberData(nameof(EnsembleKinds.JavaOnly), MemberType = typeof(EnsembleKinds))]
    [MemberData(nameof(EnsembleKinds.WithZkCompat), MemberType = typeof(EnsembleKinds), Skip = EnsembleKinds.SkipUntilZkCompatQuorum)]
    public async Task LeaderSigkilledUnderLoad_NewLeaderTakesWrites_EveryAcknowledgedWriteIsOnEveryMember(string kind)
    {
        await using var ensemble = await EnsembleUnderTest.StartAsync(EnsembleKinds.Members(kind));
        var stopFile = Path.Combine(Path.GetTempPath(), $"zkcompat-ensemble-stop-{Guid.NewGuid():N}");
        try
        {
            await using var load = ScriptProcess.StartClient(Script, ["load", ensemble.ConnectString, Root, "--stop-file", stopFile]);
            var failover = await FailOverAsync(ensemble, load);
            var acked = await StopLoadAsync(ensemble, load, stopFile);
            await EnsembleChecks.EveryMemberHasAsync(ensemble, [.. acked], output);

            output.WriteLine(
                $"{kind}: killed the leader {failover.Killed}; after the kill: {failover.NewLeader} said leader at " +
                $"{failover.ToLeader.TotalMilliseconds:F0} ms, every member up served at {failover.ToQuorum.TotalMilliseconds:F0} ms, " +
                $"the first write was acknowledged at {failover.ToFirstWrite.TotalMilliseconds:F0} ms; {acked.Count} writes acknowledged in all");
            var file = ElectionTimes.Append(new ElectionTimes.Run(
                kind, failover.Killed.Server, failover.NewLeader.Server, failover.ToLeader, failover.ToQuorum, failover.ToFirstWrite, acked.Count));
            output.WriteLine($"appended to {file}");
        }
        finally
        {
            File.Delete(stopFile);
        }
    }

    /// <summary>Waits for the load to run, kills the leader, times the new election and the first write, restarts the old leader.</summary>
    private async Task<Failover> FailOverAsync(EnsembleUnderTest ensemble, ScriptProcess load)
    {
        var seen = 0;
        var warm = await load.WaitForLineAsync(l => (IsAck(l) && ++seen >= AcksBeforeKill) || IsFail(l), LoadStartTimeout);
        if (warm is null || !IsAck(warm))
        {
            EnsembleChecks.Fail(ensemble, $"the load did not get {AcksBeforeKill} writes acknowledged within {LoadStartTimeout.TotalSeconds}s", load.Describe());
        }

        var leader = await ensemble.LeaderAsync();
        var killStartMs = UnixMs();
        var clock = Stopwatch.StartNew();
        await ensemble.KillAsync(leader);
        // An acknowledgement stamped after the process is surely gone came from the new leader.
        var killedMs = UnixMs();
        await ensemble.WaitForLeaderAsync(ElectionTimeout);
        var toLeader = clock.Elapsed;
        var status = await ensemble.WaitForQuorumAsync(ElectionTimeout);
        var toQuorum = clock.Elapsed;
        var first = await load.WaitForLineAsync(l => IsAck(l) && AckMs(l) > killedMs, WriteTimeout);
        if (first is null)
        {
            EnsembleChecks.Fail(ensemble, $"no write was acknowledged within {WriteTimeout.TotalSeconds}s of killing the leader {leader} ({status})", load.Describe());
        }

        output.WriteLine($"after the kill: {status}; first write after it: {first}");
        var restarted = await ensemble.RestartAsync(leader);
        var rejoinedMs = UnixMs();
        output.WriteLine($"{leader} restarted and rejoined: {restarted}");
        if (await load.WaitForLineAsync(l => IsAck(l) && AckMs(l) > rejoinedMs, WriteTimeout) is null)
        {
            EnsembleChecks.Fail(ensemble, $"no write was acknowledged within {WriteTimeout.TotalSeconds}s of {leader} rejoining", load.Describe());
        }

        return new Failover(leader, status.Leader!, toLeader, toQuorum, TimeSpan.FromMilliseconds(AckMs(first) - killStartMs));
    }

    /// <summary>Stops the load (bounded drain) and returns the paths of every acknowledged create.</summary>
    private static async Task<IReadOnlyList<string>> StopLoadAsync(EnsembleUnderTest ensemble, ScriptProcess load, string stopFile)
    {
        await File.WriteAllTextAsync(stopFile, "stop\n");
        var exited = await load.WaitForExitAsync(DrainTimeout);
        var lines = load.Lines();
        if (!exited || load.ExitCode != 0 || !lines.Any(l => l.StartsWith("DONE ", StringComparison.Ordinal)))
        {
            EnsembleChecks.Fail(ensemble, "the load client did not end cleanly", load.Describe());
        }

        return [.. lines.Where(IsAck).Select(l => l.Split(' ')[1])];
    }

    private static bool IsAck(string line) => line.StartsWith("ACK ", StringComparison.Ordinal);

    private static bool IsFail(string line) => line.StartsWith("FAIL", StringComparison.Ordinal);

    /// <summary>The unix time in ms the load client stamped on an <c>ACK path ms</c> line.</summary>
    private static long AckMs(string line) => long.Parse(line.Split(' ')[2], CultureInfo.InvariantCulture);

    private static long UnixMs() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    /// <summary>What the kill cost: until one member said leader, until every member up served again, until a write was acknowledged.</summary>
    private sealed record Failover(EnsembleMember Killed, EnsembleMember NewLeader, TimeSpan ToLeader, TimeSpan ToQuorum, TimeSpan ToFirstWrite);
}
