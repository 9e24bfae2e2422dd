using Xunit.Abstractions;
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
    // With a negative factor neither leader diffs from its txn log, only from the last
    // commitLogCount committed txns (500, Java's minimum and default).
    private static readonly string[] NoTxnLogSync = ["snapshotSizeFactor=-1"];
    private const int DiffWindow = 500;

    [Fact]
    public async Task JavaLeader_SyncsZkCompatFollowerAndObserver_ByDiffThenBySnap()
    {
        await using var ensemble = await EnsembleUnderTest.StartAsync(
            [MemberSpec.Participant("zkcompat"), MemberSpec.Participant("java"), MemberSpec.Participant("java"), MemberSpec.Observer("zkcompat")],
            NoTxnLogSync);
        var acked = new List<string>();

        await SyncRound.RunAsync(ensemble, output, "java", "/diff", 20, "Sending DIFF", "by DIFF", acked);
        await SyncRound.RunAsync(ensemble, output, "java", "/snap", DiffWindow + 100, "Sending snapshot", "by SNAP", acked);

        await EnsembleChecks.EveryMemberHasAsync(ensemble, acked, output);
    }

    [Fact]
    public async Task ZkCompatLeader_SyncsJavaFollowerAndObserver_ByDiffThenBySnap()
    {
        await using var ensemble = await EnsembleUnderTest.StartAsync(
            [MemberSpec.Participant("java"), MemberSpec.Participant("zkcompat"), MemberSpec.Participant("zkcompat"), MemberSpec.Observer("java")],
            NoTxnLogSync);
        var acked = new List<string>();

        await SyncRound.RunAsync(ensemble, output, "zkcompat", "/diff", 20, "by DIFF", "Getting a diff from the leader", acked);
        await SyncRound.RunAsync(ensemble, output, "zkcompat", "/snap", DiffWindow + 100, "by SNAP", "Getting a snapshot from leader", acked);

        await EnsembleChecks.EveryMemberHasAsync(ensemble, acked, output);
    }
}
