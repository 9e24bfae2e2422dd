using Xunit.Abstractions;
using ZkCompat.CompatTests.Durability;
using ZkCompat.CompatTests.Ensemble;
using ZkCompat.CompatTests.Servers;

namespace ZkCompat.CompatTests.Mixed;

/// <summary>
/// One sync round of the mixed sync tests: the learners not of the leader's kind miss a number of
/// writes, come back, and must be synced the expected way, as both sides' logs say.
/// </summary>
internal static class SyncRound
{
    private static readonly TimeSpan FillTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan LogTimeout = TimeSpan.FromSeconds(15);

    public static async Task FillAsync(EnsembleUnderTest ensemble, EnsembleMember leader, string root, int count, List<string> acked)
    {
        await using var fill = ScriptProcess.StartClient("ensemble/ensemble_client.py", ["fill", leader.ConnectString, root, $"{count}"]);
        if (await fill.WaitForLineAsync(l => l.StartsWith("FILLED", StringComparison.Ordinal) || l.StartsWith("FAIL", StringComparison.Ordinal), FillTimeout) is not { } line
            || !line.StartsWith("FILLED", StringComparison.Ordinal))
        {
            EnsembleChecks.Fail(ensemble, $"writing {count} nodes under {root} failed", fill.Describe());
        }

        acked.AddRange(Enumerable.Range(0, count).Select(i => $"{root}/f-{i:D6}"));
    }

    /// <summary>
    /// Kills the members not of the leader's kind, writes <paramref name="count"/> nodes under
    /// <paramref name="root"/>, restarts them, and checks the leader logged <paramref name="leaderSays"/>
    /// for each and each logged <paramref name="learnerSays"/>.
    /// </summary>
    public static async Task RunAsync(
        EnsembleUnderTest ensemble, ITestOutputHelper output, string leaderKind, string root, int count, string leaderSays, string learnerSays, List<string> acked)
    {
        var leader = await ensemble.LeaderAsync();
        if (leader.Server != leaderKind)
        {
            EnsembleChecks.Fail(ensemble, $"the leader is {leader}, not a {leaderKind} member: the sid steering did not hold", "");
        }

        var learners = ensemble.Members.Where(m => m.Server != leaderKind).ToList();
        // The learners hold some txns of this epoch first (a member with none is always sent a SNAP).
        await FillAsync(ensemble, leader, root + "-pre", 5, acked);
        foreach (var learner in learners)
        {
            await ensemble.DumpAsync(learner);
            await ensemble.KillAsync(learner);
        }

        await FillAsync(ensemble, leader, root, count, acked);
        var before = EnsembleUnderTest.LogCount(leader, leaderSays);
        foreach (var learner in learners)
        {
            await ensemble.RestartAsync(learner);
        }

        // The processes' output arrives on its own: wait (bounded) for the lines.
        var told = 0;
        var heard = new List<EnsembleMember>();
        for (var clock = System.Diagnostics.Stopwatch.StartNew(); clock.Elapsed < LogTimeout; await Task.Delay(50))
        {
            told = EnsembleUnderTest.LogCount(leader, leaderSays) - before;
            heard = [.. learners.Where(l => EnsembleUnderTest.LogCount(l, learnerSays) > 0)];
            if (told >= learners.Count && heard.Count == learners.Count)
            {
                break;
            }
        }

        output.WriteLine($"{root}: {count} writes while {string.Join(" and ", learners)} were down; the leader {leader} logged '{leaderSays}' {told} times, '{learnerSays}' logged by {heard.Count} of {learners.Count}");
        if (told < learners.Count || heard.Count < learners.Count)
        {
            EnsembleChecks.Fail(ensemble, $"expected '{leaderSays}' {learners.Count} times on the leader and '{learnerSays}' on every restarted learner; got {told} and {heard.Count}", "");
        }
    }
}
