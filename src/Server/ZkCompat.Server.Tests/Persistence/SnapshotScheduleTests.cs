using ZkCompat.Server.Persistence;

namespace ZkCompat.Server.Tests.Persistence;

/// <summary>Java's SyncRequestProcessor.shouldSnapshot: snapCount/2 + rand(snapCount/2) txns, or limit/2 + rand(limit/2) log bytes.</summary>
public class SnapshotScheduleTests
{
    private const long LimitBytes = 64 * 1024;

    [Fact]
    public void Txns_AreDueAboveHalfTheSnapCountPlusARandomShare()
    {
        var schedule = new SnapshotSchedule(100, LimitBytes, new Random(1));

        Assert.InRange(schedule.TxnThreshold, 50, 99);
        Assert.False(schedule.Due(schedule.TxnThreshold, 0));
        Assert.True(schedule.Due(schedule.TxnThreshold + 1, 0));
    }

    [Fact]
    public void LogBytes_AreDueAboveHalfTheLimitPlusARandomShare()
    {
        var schedule = new SnapshotSchedule(100_000, LimitBytes, new Random(1));

        Assert.InRange(schedule.BytesThreshold!.Value, LimitBytes / 2, LimitBytes - 1);
        Assert.False(schedule.Due(1, schedule.BytesThreshold.Value));
        Assert.True(schedule.Due(1, schedule.BytesThreshold.Value + 1));
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(-1024L)]
    [InlineData(long.MinValue)]
    public void LimitNotPositive_LeavesTheLogSizeOut(long limitBytes)
    {
        var schedule = new SnapshotSchedule(100_000, limitBytes, new Random(1));

        Assert.Null(schedule.BytesThreshold);
        Assert.False(schedule.Due(1, long.MaxValue));
    }

    [Fact]
    public void Reset_DrawsNewShares_WithinTheirRanges()
    {
        var schedule = new SnapshotSchedule(100, LimitBytes, new Random(3));
        var thresholds = new HashSet<(int, long)>();

        for (var i = 0; i < 20; i++)
        {
            schedule.Reset();
            Assert.InRange(schedule.TxnThreshold, 50, 99);
            Assert.InRange(schedule.BytesThreshold!.Value, LimitBytes / 2, LimitBytes - 1);
            thresholds.Add((schedule.TxnThreshold, schedule.BytesThreshold.Value));
        }

        Assert.True(thresholds.Count > 10, "the shares vary from one snapshot to the next");
    }

    [Fact]
    public void SnapCountBelowTwo_IsTwo_AsJavaRaisesIt() =>
        Assert.Equal(1, new SnapshotSchedule(0, 0, new Random(1)).TxnThreshold);
}
