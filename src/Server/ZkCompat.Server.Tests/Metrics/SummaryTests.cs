using ZkCompat.Server.Metrics;

namespace ZkCompat.Server.Tests.Metrics;

/// <summary>Java's AvgMinMaxCounter and AvgMinMaxPercentileCounter: names, empty values, rounding, percentiles.</summary>
public class SummaryTests
{
    [Fact]
    public void Dump_Empty_PrintsJavasIdleValues()
    {
        var values = Dump(new Summary("fsynctime", percentiles: true));

        Assert.Equal(
        [
            ("avg_fsynctime", 0.0), ("min_fsynctime", 0L), ("max_fsynctime", 0L), ("cnt_fsynctime", 0L), ("sum_fsynctime", 0L),
            ("p50_fsynctime", 0L), ("p95_fsynctime", 0L), ("p99_fsynctime", 0L), ("p999_fsynctime", 0L),
        ], values);
    }

    [Fact]
    public void Dump_Basic_HasNoPercentiles() => Assert.Equal(5, Dump(new Summary("dbinittime", percentiles: false)).Count);

    [Fact]
    public void Dump_AfterPoints_AveragesToFourDecimals()
    {
        var summary = new Summary("readlatency", percentiles: true);
        foreach (var ms in new long[] { 1, 0, 0, 5, 2, 0, 0, 1, 6 })
            summary.Add(ms);

        var values = Dump(summary).ToDictionary(v => v.Key, v => v.Value);

        Assert.Equal(1.6667, values["avg_readlatency"]);
        Assert.Equal(0L, values["min_readlatency"]);
        Assert.Equal(6L, values["max_readlatency"]);
        Assert.Equal(9L, values["cnt_readlatency"]);
        Assert.Equal(15L, values["sum_readlatency"]);
        // Sorted 0 0 0 0 1 1 2 5 6: the median sits at position 5 of 10, the 95th past the end.
        Assert.Equal(1L, values["p50_readlatency"]);
        Assert.Equal(6L, values["p95_readlatency"]);
    }

    [Fact]
    public void Reset_EmptiesEverything()
    {
        var summary = new Summary("snapshottime", percentiles: false);
        summary.Add(7);

        summary.Reset();

        Assert.Equal(Dump(new Summary("snapshottime", percentiles: false)), Dump(summary));
    }

    [Theory]
    [InlineData(0.12345, 0.1235)] // the double is a hair above the midpoint: up
    [InlineData(2.00025, 2.0002)] // a hair below the midpoint: down
    [InlineData(0.00015, 0.0001)]
    [InlineData(2.5, 2.5)]
    [InlineData(1.0 / 17, 0.0588)]
    [InlineData(-0.00005, -0.0001)]
    public void Round4_IsBigDecimalHalfUpOfTheExactValue(double value, double rounded) => Assert.Equal(rounded, Summary.Round4(value));

    [Theory]
    [InlineData(new long[] { 4 }, 0.5, 4)]
    [InlineData(new long[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 }, 0.5, 6)] // 5.5 rounds up
    [InlineData(new long[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 }, 0.95, 10)]
    [InlineData(new long[] { 1, 3 }, 0.5, 2)]
    [InlineData(new long[] { 10, 20, 30 }, 0.2, 10)] // before the first position: the smallest
    public void Quantile_IsUniformSnapshotsThenMathRound(long[] sorted, double quantile, long expected) =>
        Assert.Equal(expected, PercentileSample.Quantile(sorted, quantile));

    private static List<(string Key, object Value)> Dump(Summary summary)
    {
        var sink = new List<(string Key, object Value)>();
        summary.Dump(sink);
        return sink;
    }
}
