using System.Diagnostics;
using System.Globalization;
using Xunit.Abstractions;
using ZkCompat.CompatTests.Ensemble;
using ZkCompat.CompatTests.Servers;
using ZkCompat.CompatTests.Support;

namespace ZkCompat.CompatTests.Mixed;

/// <summary>
/// A learner that logged a txn the quorum never committed (<see cref="OrphanTxn"/>) rejoins a leader
/// of the other kind. A Java leader sends TRUNC and the ZkCompat follower and observer drop the txn;
/// a ZkCompat leader sends SNAP where Java would TRUNC (ARCHITECTURE.md, "Sync choice") and the Java
/// follower and observer drop it too. Either way the txn is on no member afterwards.
/// </summary>
[Collection(SerialEnsembles.Name)]
public sealed class MixedTruncTests(ITestOutputHelper output)
{
    private const string Orphan = "/orphan";
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task JavaLeader_TruncatesZkCompatFollowerAndObserver_ThatLoggedATxnNeverCommitted() =>
        await RunAsync(
            [MemberSpec.Participant("zkcompat"), MemberSpec.Participant("java"), MemberSpec.Participant("java"), MemberSpec.Observer("zkcompat")],
            "java",
            // Java logs its TRUNC choice at DEBUG; at INFO it logs the learner's zxid ahead of its own.
            orphan => $"peerLastZxid=0x{orphan:x}",
            "by TRUNC");

    [Fact]
    public async Task ZkCompatLeader_SendsSnapToJavaFollowerAndObserver_ThatLoggedATxnNeverCommitted() =>
        await RunAsync(
            [MemberSpec.Participant("java"), MemberSpec.Participant("zkcompat"), MemberSpec.Participant("zkcompat"), MemberSpec.Observer("java")],
            "zkcompat",
            orphan => $"by SNAP (its last zxid 0x{orphan:x}",
            "Getting a snapshot from leader");

    private async Task RunAsync(IReadOnlyList<MemberSpec> specs, string leaderKind, Func<long, string> leaderLine, string learnerSays)
    {
        await using var ensemble = await EnsembleUnderTest.StartAsync(specs);
        var leader = await ensemble.LeaderAsync();
        if (leader.Server != leaderKind)
        {
            EnsembleChecks.Fail(ensemble, $"the leader is {leader}, not a {leaderKind} member: the sid steering did not hold", "");
        }

        var learners = ensemble.Members.Where(m => m.Server != leaderKind).ToList();
        await using (var fill = Durability.ScriptProcess.StartClient("ensemble/ensemble_client.py", ["fill", leader.ConnectString, "/committed", "5"]))
        {
            if (await fill.WaitForLineAsync(l => l.StartsWith("FILLED", StringComparison.Ordinal) || l.StartsWith("FAIL", StringComparison.Ordinal), Bound) is not { } filled
                || !filled.StartsWith("FILLED", StringComparison.Ordinal))
            {
                EnsembleChecks.Fail(ensemble, "writing the committed nodes failed", fill.Describe());
            }
        }

        // Every member at the same last zxid, then nothing more happens (no client is connected).
        var last = await SameZxidAsync(ensemble);
        foreach (var learner in learners)
        {
            await ensemble.KillAsync(learner);
            OrphanTxn.Append(learner.DataDir, last + 1, Orphan);
        }

        var leaderSays = leaderLine(last + 1);
        var before = EnsembleUnderTest.LogCount(leader, leaderSays);
        foreach (var learner in learners)
        {
            await ensemble.RestartAsync(learner);
        }

        var told = 0;
        var heard = 0;
        for (var clock = Stopwatch.StartNew(); clock.Elapsed < Bound; await Task.Delay(50))
        {
            told = EnsembleUnderTest.LogCount(leader, leaderSays) - before;
            heard = learners.Count(l => EnsembleUnderTest.LogCount(l, learnerSays) > 0);
            if (told >= learners.Count && heard == learners.Count)
            {
                break;
            }
        }

        output.WriteLine($"orphan txn 0x{last + 1:x} on {string.Join(" and ", learners)}; the leader {leader} logged '{leaderSays}' {told} times, '{learnerSays}' logged by {heard} of {learners.Count}");
        if (told < learners.Count || heard < learners.Count)
        {
            EnsembleChecks.Fail(ensemble, $"expected '{leaderSays}' {learners.Count} times on the leader and '{learnerSays}' on every restarted learner; got {told} and {heard}", "");
        }

        foreach (var member in ensemble.Members)
        {
            var dump = await ensemble.DumpAsync(member);
            if (dump.Any(line => TreeDump.PathOf(line) == Orphan))
            {
                EnsembleChecks.Fail(ensemble, $"{member} still holds {Orphan}, a txn no quorum committed", "");
            }
        }

        await EnsembleChecks.EveryMemberHasAsync(ensemble, [], output);
    }

    /// <summary>Waits (bounded) until every member's srvr says the same Zxid and returns it.</summary>
    private static async Task<long> SameZxidAsync(EnsembleUnderTest ensemble)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var zxids = new HashSet<long>();
            foreach (var member in ensemble.Members)
            {
                var answer = await FourLetterWord.TryAskAsync(EnsembleMember.Host, member.ClientPort, "srvr") ?? "";
                var line = answer.Split('\n').FirstOrDefault(l => l.StartsWith("Zxid: 0x", StringComparison.Ordinal));
                zxids.Add(line is null ? -1 : long.Parse(line["Zxid: 0x".Length..].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
            }

            if (zxids.Count == 1 && zxids.Single() > 0)
            {
                return zxids.Single();
            }

            if (clock.Elapsed > Bound)
            {
                EnsembleChecks.Fail(ensemble, $"the members did not agree on a last zxid within {Bound.TotalSeconds}s: {string.Join(", ", zxids.Select(z => $"0x{z:x}"))}", "");
            }

            await Task.Delay(50);
        }
    }
}
