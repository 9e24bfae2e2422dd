using Xunit.Abstractions;
using ZkCompat.CompatTests.Ensemble;
using ZkCompat.CompatTests.Servers;

namespace ZkCompat.CompatTests.Mixed;

/// <summary>
/// How far behind a learner may be and still get a DIFF, side by side: a Java leader syncing a
/// ZkCompat follower and a ZkCompat leader syncing a Java one, in three-member ensembles whose
/// top two sids (the leader's kind) lead. zookeeper.commitLogCount sets the in-memory window (at
/// least 500); beyond it zookeeper.snapshotSizeFactor (default 0.33) lets the leader DIFF from its
/// txn log on disk.
/// </summary>
[Collection(SerialEnsembles.Name)]
public sealed class MixedSyncWindowTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("java")]
    [InlineData("zkcompat")]
    public async Task CommitLogCount700_DiffsALearner600Behind_AndSnapsOne800Behind(string leaderKind)
    {
        await using var ensemble = await StartAsync(leaderKind, "commitLogCount=700", "snapshotSizeFactor=-1");
        var acked = new List<string>();

        await SyncRound.RunAsync(ensemble, output, leaderKind, "/within", 600, Leader(leaderKind).Diff, Learner(leaderKind).Diff, acked);
        await SyncRound.RunAsync(ensemble, output, leaderKind, "/beyond", 800, Leader(leaderKind).Snap, Learner(leaderKind).Snap, acked);

        await EnsembleChecks.EveryMemberHasAsync(ensemble, acked, output);
    }

    /// <summary>
    /// Not the SNAP a literal window of 10 would give: Java raises the count to 500 with a warning,
    /// and so does ZkCompat.
    /// </summary>
    [Theory]
    [InlineData("java")]
    [InlineData("zkcompat")]
    public async Task CommitLogCount10_IsRaisedTo500_ALearner50BehindIsDiffed(string leaderKind)
    {
        await using var ensemble = await StartAsync(leaderKind, "commitLogCount=10", "snapshotSizeFactor=-1");
        var acked = new List<string>();

        await SyncRound.RunAsync(ensemble, output, leaderKind, "/fifty", 50, Leader(leaderKind).Diff, Learner(leaderKind).Diff, acked);

        Assert.All(ensemble.Members, m => Assert.True(EnsembleUnderTest.LogCount(m, "is less than the recommended 500") > 0, $"{m} did not warn about commitLogCount=10"));
        await EnsembleChecks.EveryMemberHasAsync(ensemble, acked, output);
    }

    [Theory]
    [InlineData("java")]
    [InlineData("zkcompat")]
    public async Task DefaultSnapshotSizeFactor_DiffsALearnerBehindTheCommittedLog_FromTheTxnLog(string leaderKind)
    {
        await using var ensemble = await StartAsync(leaderKind);
        var acked = new List<string>();

        await SyncRound.RunAsync(ensemble, output, leaderKind, "/ondisk", 600, Leader(leaderKind).TxnLogDiff, Learner(leaderKind).Diff, acked);

        await EnsembleChecks.EveryMemberHasAsync(ensemble, acked, output);
    }

    /// <summary>Server 1 is of the other kind; servers 2 and 3, of the leader's kind, form the first quorum and lead.</summary>
    private static Task<EnsembleUnderTest> StartAsync(string leaderKind, params string[] configLines)
    {
        var other = leaderKind == "java" ? "zkcompat" : "java";
        return EnsembleUnderTest.StartAsync(
            [MemberSpec.Participant(other), MemberSpec.Participant(leaderKind), MemberSpec.Participant(leaderKind)],
            configLines);
    }

    /// <summary>What a leader of this kind logs for each sync (Java: INFO lines of LearnerHandler).</summary>
    private static (string Diff, string Snap, string TxnLogDiff) Leader(string kind) => kind == "java"
        ? ("Sending DIFF", "Sending snapshot", "Use txnlog and committedLog for peer sid")
        : ("by DIFF", "by SNAP", "by DIFF from the txn log");

    /// <summary>What a learner of the other kind logs.</summary>
    private static (string Diff, string Snap) Learner(string leaderKind) => leaderKind == "java"
        ? ("by DIFF", "by SNAP")
        : ("Getting a diff from the leader", "Getting a snapshot from leader");
}
