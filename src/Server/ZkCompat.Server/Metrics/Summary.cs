using System.Numerics;

namespace ZkCompat.Server.Metrics;

/// <summary>
/// Java's AvgMinMaxCounter (and, with percentiles, AvgMinMaxPercentileCounter): a running count,
/// sum, min and max of data points, printed as <c>avg_</c>, <c>min_</c>, <c>max_</c>, <c>cnt_</c>,
/// <c>sum_</c> + name (then <c>p50_</c> … <c>p999_</c>). Empty, it prints 0.0 and zeros as Java does.
/// </summary>
internal sealed class Summary(string name, bool percentiles)
{
    private readonly Lock _gate = new();
    private readonly PercentileSample? _sample = percentiles ? new PercentileSample() : null;
    private long _count;
    private long _total;
    private long _min = long.MaxValue;
    private long _max = long.MinValue;

    public string Name { get; } = name;

    public long Count
    {
        get
        {
            lock (_gate)
                return _count;
        }
    }

    public void Add(long value)
    {
        lock (_gate)
        {
            _count++;
            _total += value;
            _min = Math.Min(_min, value);
            _max = Math.Max(_max, value);
            _sample?.Add(value);
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            (_count, _total, _min, _max) = (0, 0, long.MaxValue, long.MinValue);
            _sample?.Reset();
        }
    }

    public void Dump(List<(string Key, object Value)> sink)
    {
        lock (_gate)
        {
            sink.Add(("avg_" + Name, _count > 0 ? Round4((double)_total / _count) : 0.0));
            sink.Add(("min_" + Name, _min == long.MaxValue ? 0L : _min));
            sink.Add(("max_" + Name, _max == long.MinValue ? 0L : _max));
            sink.Add(("cnt_" + Name, _count));
            sink.Add(("sum_" + Name, _total));
            if (_sample is null)
                return;
            var sorted = _sample.Sorted();
            sink.Add(("p50_" + Name, PercentileSample.Quantile(sorted, 0.5)));
            sink.Add(("p95_" + Name, PercentileSample.Quantile(sorted, 0.95)));
            sink.Add(("p99_" + Name, PercentileSample.Quantile(sorted, 0.99)));
            sink.Add(("p999_" + Name, PercentileSample.Quantile(sorted, 0.999)));
        }
    }

    /// <summary>
    /// Java's <c>new BigDecimal(value).setScale(4, HALF_UP).doubleValue()</c>: the exact binary
    /// value rounded half up to 4 decimals (Math.Round would round half to even, and not exactly).
    /// </summary>
    public static double Round4(double value)
    {
        if (value == 0 || !double.IsFinite(value))
            return value;
        var bits = BitConverter.DoubleToInt64Bits(Math.Abs(value));
        var exponent = (int)((bits >> 52) & 0x7FF);
        var mantissa = bits & 0xFFFFFFFFFFFFFL;
        if (exponent == 0)
            exponent = 1;
        else
            mantissa |= 1L << 52;
        exponent -= 1075;
        var scaled = new BigInteger(mantissa) * 10000;
        BigInteger rounded;
        if (exponent >= 0)
        {
            rounded = scaled << exponent;
        }
        else
        {
            var denominator = BigInteger.One << -exponent;
            rounded = ((2 * scaled) + denominator) / (2 * denominator);
        }

        var result = (double)rounded / 10000.0;
        return value < 0 ? -result : result;
    }
}
