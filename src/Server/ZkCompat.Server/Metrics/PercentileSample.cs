namespace ZkCompat.Server.Metrics;

/// <summary>
/// The data points behind a summary's percentiles, kept as Java's ResettableUniformReservoir does
/// (the first 4096, then a uniform random sample of that size), and read as Dropwizard's
/// UniformSnapshot reads them. Not thread-safe: <see cref="Summary"/> holds its lock.
/// </summary>
internal sealed class PercentileSample
{
    private const int Size = 4096;
    private readonly long[] _values = new long[Size];
    private long _seen;

    public void Add(long value)
    {
        _seen++;
        if (_seen <= Size)
        {
            _values[_seen - 1] = value;
            return;
        }

        var slot = Random.Shared.NextInt64(_seen);
        if (slot < Size)
            _values[slot] = value;
    }

    public void Reset() => _seen = 0;

    public long[] Sorted()
    {
        var copy = _values.AsSpan(0, (int)Math.Min(_seen, Size)).ToArray();
        Array.Sort(copy);
        return copy;
    }

    /// <summary>UniformSnapshot.getValue, then Java's Math.round (half up) to a long; 0 when empty.</summary>
    public static long Quantile(long[] sorted, double quantile)
    {
        if (sorted.Length == 0)
            return 0;
        var pos = quantile * (sorted.Length + 1);
        var index = (int)pos;
        double value;
        if (index < 1)
            value = sorted[0];
        else if (index >= sorted.Length)
            value = sorted[^1];
        else
            value = sorted[index - 1] + ((pos - Math.Floor(pos)) * (sorted[index] - sorted[index - 1]));
        return (long)Math.Floor(value + 0.5);
    }
}
