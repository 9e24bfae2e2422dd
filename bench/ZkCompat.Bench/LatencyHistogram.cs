using System.Numerics;

namespace ZkCompat.Bench;

/// <summary>
/// A log-linear latency histogram in the manner of HdrHistogram: values below 256 get a bucket
/// each; above, every power of two is split into 128 equal buckets, so any recorded value is
/// known to within 1/128 (0.8 %). Values are nanoseconds; recording is one array increment.
/// Not thread-safe: each session records into its own and the results are merged.
/// </summary>
internal sealed class LatencyHistogram
{
    private const int SubBucketBits = 7;
    private const int SubBucketHalf = 1 << SubBucketBits; // 128
    private const int LinearLimit = SubBucketHalf * 2; // 256
    private const int MaxMsb = 42; // ~73 minutes in ns; larger values are clamped.

    private readonly long[] _counts = new long[IndexOf((1L << (MaxMsb + 1)) - 1) + 1];

    public long Count { get; private set; }

    public long Max { get; private set; }

    public long Min { get; private set; } = long.MaxValue;

    public double Sum { get; private set; }

    public double Mean => Count == 0 ? 0 : Sum / Count;

    public void Record(long value)
    {
        if (value < 0)
            value = 0;
        var clamped = Math.Min(value, (1L << (MaxMsb + 1)) - 1);
        _counts[IndexOf(clamped)]++;
        Count++;
        Sum += value;
        if (value > Max)
            Max = value;
        if (value < Min)
            Min = value;
    }

    public void Add(LatencyHistogram other)
    {
        for (var i = 0; i < _counts.Length; i++)
            _counts[i] += other._counts[i];
        Count += other.Count;
        Sum += other.Sum;
        Max = Math.Max(Max, other.Max);
        Min = Math.Min(Min, other.Min);
    }

    /// <summary>The value at or below which <paramref name="percentile"/> % of the recorded values lie (bucket midpoint, never above the max).</summary>
    public long ValueAt(double percentile)
    {
        if (Count == 0)
            return 0;
        var rank = (long)Math.Ceiling(percentile / 100.0 * Count);
        rank = Math.Clamp(rank, 1, Count);
        if (rank == Count)
            return Max;
        long seen = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            seen += _counts[i];
            if (seen >= rank)
                return Math.Clamp((LowerBound(i) + UpperBound(i)) / 2, Min, Max);
        }

        return Max;
    }

    /// <summary>The bucket of a value: identity below 256, then 128 buckets per power of two.</summary>
    public static int IndexOf(long value)
    {
        if (value < LinearLimit)
            return (int)value;
        var msb = 63 - BitOperations.LeadingZeroCount((ulong)value);
        var shift = msb - SubBucketBits;
        return LinearLimit + ((shift - 1) * SubBucketHalf) + (int)((value >> shift) - SubBucketHalf);
    }

    public static long LowerBound(int index)
    {
        if (index < LinearLimit)
            return index;
        var k = index - LinearLimit;
        var shift = (k / SubBucketHalf) + 1;
        return (long)((k % SubBucketHalf) + SubBucketHalf) << shift;
    }

    public static long UpperBound(int index)
    {
        if (index < LinearLimit)
            return index;
        var k = index - LinearLimit;
        var shift = (k / SubBucketHalf) + 1;
        return ((long)((k % SubBucketHalf) + SubBucketHalf + 1) << shift) - 1;
    }
}
