using ZkCompat.Protocol.Ids;
using ZkCompat.Protocol.Quorum;
using ZkCompat.Quorum.Zab;

namespace ZkCompat.Quorum.Tests;

/// <summary>DIFF, TRUNC or SNAP for a learner, first match wins (PROTOCOL.md §11.5).</summary>
public class SyncPlannerTests
{
    private static readonly List<(Zxid Zxid, byte[] Txn)> Log =
    [
        .. new[] { Zxid.Of(1, 4), Zxid.Of(1, 5), Zxid.Of(1, 6), Zxid.Of(2, 1), Zxid.Of(2, 2) }.Select(z => (z, PeerHarness.Txn(z))),
    ];

    private static string Describe(List<QuorumPacket>? plan) =>
        plan is null ? "SNAP" : string.Join(" ", plan.Select(p => $"{p.Type}:{new Zxid(p.Zxid)}"));

    [Fact]
    public void PeerAtLastCommitted_GetsAnEmptyDiff() =>
        Assert.Equal("Diff:0x200000002", Describe(SyncPlanner.Plan(Zxid.Of(2, 2), Zxid.Of(2, 2), Log)));

    [Fact]
    public void PeerInTheLog_GetsDiffToMaxAndEveryLaterTxn() =>
        Assert.Equal("Diff:0x200000002 Proposal:0x200000001 Commit:0x200000001 Proposal:0x200000002 Commit:0x200000002", Describe(SyncPlanner.Plan(Zxid.Of(1, 6), Zxid.Of(2, 2), Log)));

    [Fact]
    public void PeerAheadOfMax_GetsTruncToMax() =>
        Assert.Equal("Trunc:0x200000002", Describe(SyncPlanner.Plan(Zxid.Of(2, 9), Zxid.Of(2, 2), Log)));

    [Fact]
    public void NewEpochPeerAheadOfMax_GetsSnap() =>
        Assert.Equal("SNAP", Describe(SyncPlanner.Plan(Zxid.Of(3, 0), Zxid.Of(2, 2), Log)));

    [Fact]
    public void NewEpochPeerInsideTheLog_GetsDiffOfWhatFollows() =>
        Assert.Equal("Diff:0x200000002 Proposal:0x200000001 Commit:0x200000001 Proposal:0x200000002 Commit:0x200000002", Describe(SyncPlanner.Plan(Zxid.Of(2, 0), Zxid.Of(2, 2), Log)));

    [Fact]
    public void PeerWithATxnWeNeverHad_InTheSameEpoch_IsTruncatedToThePreviousOne()
    {
        List<(Zxid, byte[])> holed = [.. new[] { Zxid.Of(1, 4), Zxid.Of(1, 6) }.Select(z => (z, PeerHarness.Txn(z)))];
        Assert.Equal("Trunc:0x100000004 Proposal:0x100000006 Commit:0x100000006", Describe(SyncPlanner.Plan(Zxid.Of(1, 5), Zxid.Of(1, 6), holed)));
    }

    [Fact]
    public void PeerWithATxnWeNeverHad_AcrossAnEpoch_GetsSnap() =>
        Assert.Equal("SNAP", Describe(SyncPlanner.Plan(Zxid.Of(1, 7), Zxid.Of(2, 2), Log)));

    [Fact]
    public void PeerBelowTheLog_GetsSnap() =>
        Assert.Equal("SNAP", Describe(SyncPlanner.Plan(Zxid.Of(1, 2), Zxid.Of(2, 2), Log)));

    private static readonly List<(Zxid Zxid, byte[] Txn)> OnDisk =
    [
        .. new[] { Zxid.Of(1, 1), Zxid.Of(1, 2), Zxid.Of(1, 3), Zxid.Of(1, 4), Zxid.Of(1, 5) }.Select(z => (z, PeerHarness.Txn(z))),
    ];

    [Fact]
    public void PeerBelowTheLog_InTheTxnLog_GetsDiffFromTheTxnLogThenTheCommittedLog()
    {
        var asked = new List<(Zxid, Zxid)>();
        var plan = SyncPlanner.Plan(Zxid.Of(1, 2), Zxid.Of(2, 2), Log, (peer, upTo) =>
        {
            asked.Add((peer, upTo));
            return OnDisk.Where(e => e.Zxid >= Zxid.Of(1, 1) && e.Zxid <= upTo).ToList();
        });
        Assert.Equal(
            "Diff:0x200000002 Proposal:0x100000003 Commit:0x100000003 Proposal:0x100000004 Commit:0x100000004 Proposal:0x100000005 Commit:0x100000005"
            + " Proposal:0x100000006 Commit:0x100000006 Proposal:0x200000001 Commit:0x200000001 Proposal:0x200000002 Commit:0x200000002",
            Describe(plan));
        // Read from the peer's zxid up to the committed log's first txn, where the committed log takes over.
        Assert.Equal([(Zxid.Of(1, 2), Zxid.Of(1, 4))], asked);
    }

    [Fact]
    public void TxnLogEndingBeforeTheCommittedLog_GetsSnap() =>
        Assert.Equal("SNAP", Describe(SyncPlanner.Plan(Zxid.Of(1, 1), Zxid.Of(2, 2), Log, (_, _) => OnDisk.Take(2).ToList())));

    [Fact]
    public void TxnLogThatCannotServe_GetsSnap() =>
        Assert.Equal("SNAP", Describe(SyncPlanner.Plan(Zxid.Of(1, 2), Zxid.Of(2, 2), Log, (_, _) => null)));

    [Fact]
    public void EmptyCommittedLog_PeerBehind_IsDiffedFromTheTxnLogUpToLastCommitted() =>
        Assert.Equal(
            "Diff:0x100000004 Proposal:0x100000003 Commit:0x100000003 Proposal:0x100000004 Commit:0x100000004",
            Describe(SyncPlanner.Plan(Zxid.Of(1, 2), Zxid.Of(1, 4), [], (_, upTo) => OnDisk.Where(e => e.Zxid <= upTo).ToList())));

    [Fact]
    public void PeerWithATxnTheTxnLogNeverHad_IsTruncatedLikeInTheCommittedLog()
    {
        List<(Zxid, byte[])> holed = [.. new[] { Zxid.Of(1, 1), Zxid.Of(1, 3), Zxid.Of(1, 4) }.Select(z => (z, PeerHarness.Txn(z)))];
        Assert.Equal(
            "Trunc:0x100000001 Proposal:0x100000003 Commit:0x100000003 Proposal:0x100000004 Commit:0x100000004 Proposal:0x100000005 Commit:0x100000005 Proposal:0x100000006 Commit:0x100000006 Proposal:0x200000001 Commit:0x200000001 Proposal:0x200000002 Commit:0x200000002",
            Describe(SyncPlanner.Plan(Zxid.Of(1, 2), Zxid.Of(2, 2), Log, (_, _) => holed)));
    }

    [Fact]
    public void EmptyLog_PeerBehindGetsSnap_PeerAheadGetsTrunc()
    {
        Assert.Equal("SNAP", Describe(SyncPlanner.Plan(Zxid.Of(1, 1), Zxid.Of(1, 3), [])));
        Assert.Equal("Trunc:0x100000003", Describe(SyncPlanner.Plan(Zxid.Of(1, 5), Zxid.Of(1, 3), [])));
    }
}
