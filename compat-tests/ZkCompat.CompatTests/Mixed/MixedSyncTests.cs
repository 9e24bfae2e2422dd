using Xunit.Abstractions;
using ZkCompat.CompatTests.Durability;
using ZkCompat.CompatTests.Ensemble;
using ZkCompat.CompatTests.Servers;

namespace ZkCompat.CompatTests.Mixed;

/// <summary>
/// A leader of one kind syncing a follower and an observer of the other kind, by DIFF (a few txns
/// behind) and by SNAP (further behind than the leader keeps txns for), each proved on both sides'
/// logs and by identical trees afterwards. Leadership is steered by sid: with equal zxids the highest
/// sid that forms the first quorum leads, so the leading kind holds the top sids.
/// </summary>
[Collection(SerialEnsembles.Name)]
public sealed class MixedSyncTests(ITestOutputHelper output)
{
    // With a negative factor a Java leader never diffs from its txn log, only from the last
    // commitLogCount committed txns (500, its minimum); ZkCompat's leader keeps 500 as well.
    private static readonly string[] JavaSyncLimits = ["snapshotSizeFactor=-1"];
    private const int DiffWindow = 500;

    private static readonly TimeSpan FillTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan LogTimeout = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task JavaLeader_SyncsZkCompatFollowerAndObserver_ByDiffThenBySnap()
    {
        await using var ensemble = await EnsembleUnderTest.StartAsync(
            [MemberSpec.Participant("zkcompat"), MemberSpec.Participant("java"), MemberSpec.Participant("java"), MemberSpec.Observer("zkcompat")],
            JavaSyncLimits);
        var acked = new List<string>();

        await RoundAsync(ensemble, "java", "/diff", 20, "Sending DIFF", "by DIFF", acked);
        await RoundAsync(ensemble, "java", "/snap", DiffWindow + 100, "Sending snapshot", "by SNAP", acked);

        await EnsembleChecks.EveryMemberHasAsync(ensemble, acked, output);
    }

    [Fact]
    public async Task ZkCompatLeader_SyncsJavaFollowerAndObserver_ByDiffThenBySnap()
    {
        await using var ensemble = await EnsembleUnderTest.StartAsync(
            [MemberSpec.Participant("java"), MemberSpec.Participant("zkcompat"), MemberSpec.Participant("zkcompat"), MemberSpec.Observer("java")]);
        var acked = new List<string>();

        await RoundAsync(ensemble, "zkcompat", "/diff", 20, "by DIFF", "Getting a diff from the leader", acked);
        await RoundAsync(ensemble, "zkcompat", "/snap", DiffWindow + 100, "by SNAP", "Getting a snapshot from leader", acked);

        await EnsembleChecks.EveryMemberHasAsync(ensemble, acked, output);
    }

    private static async Task FillAsync(EnsembleUnderTest ensemble, EnsembleMember leader, string root, int count, List<string> acked)
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
    /// Kills the follower and the observer not of the leader's kind, writes <paramref name="count"/>
    /// nodes under <paramref name="root"/>, restarts them, and checks the leader logged
    /// <paramref name="leaderSays"/> for each and each logged <paramref name="learnerSays"/>.
    /// </summary>
    private async Task RoundAsync(EnsembleUnderTest ensemble, string leaderKind, string root, int count, string leaderSays, string learnerSays, List<string> acked)
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
