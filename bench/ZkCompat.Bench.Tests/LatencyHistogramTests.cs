namespace ZkCompat.Bench.Tests;

public class LatencyHistogramTests
{
    [Fact]
    public void Buckets_AreContiguousAndOrdered()
    {
        var previousUpper = -1L;
        for (var index = 0; index < LatencyHistogram.IndexOf(1L << 40); index++)
        {
            Assert.Equal(previousUpper + 1, LatencyHistogram.LowerBound(index));
            Assert.True(LatencyHistogram.UpperBound(index) >= LatencyHistogram.LowerBound(index));
            previousUpper = LatencyHistogram.UpperBound(index);
        }
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(255L)]
    [InlineData(256L)]
    [InlineData(1_000L)]
    [InlineData(123_456L)]
    [InlineData(987_654_321L)]
    [InlineData(1L << 40)]
    public void IndexOf_ValueLiesInsideItsBucket_WithinOnePart128(long value)
    {
        var index = LatencyHistogram.IndexOf(value);
        var lower = LatencyHistogram.LowerBound(index);
        var upper = LatencyHistogram.UpperBound(index);
        Assert.InRange(value, lower, upper);
        Assert.True(upper - lower <= Math.Max(0, value / 128), $"bucket [{lower}, {upper}] too wide for {value}");
    }

    [Fact]
    public void ValueAt_UniformValues_GivesPercentilesWithinBucketError()
    {
        var histogram = new LatencyHistogram();
        for (var v = 1L; v <= 100_000; v++)
            histogram.Record(v * 1000);
        Assert.Equal(100_000, histogram.Count);
        AssertNear(50_000_000, histogram.ValueAt(50));
        AssertNear(99_000_000, histogram.ValueAt(99));
        AssertNear(99_900_000, histogram.ValueAt(99.9));
        Assert.Equal(100_000_000, histogram.ValueAt(100));
        Assert.Equal(1000, histogram.Min);
    }

    [Fact]
    public void Add_MergesCountsAndExtremes()
    {
        var a = new LatencyHistogram();
        var b = new LatencyHistogram();
        for (var i = 0; i < 99; i++)
            a.Record(10_000);
        b.Record(5_000_000);
        a.Add(b);
        Assert.Equal(100, a.Count);
        Assert.Equal(5_000_000, a.Max);
        AssertNear(10_000, a.ValueAt(99));
        Assert.Equal(5_000_000, a.ValueAt(99.9));
    }

    [Fact]
    public void ValueAt_Empty_IsZero() => Assert.Equal(0, new LatencyHistogram().ValueAt(99));

    private static void AssertNear(long expected, long actual) =>
        Assert.InRange(actual, expected - (expected / 100), expected + (expected / 100));
}
