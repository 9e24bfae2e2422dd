using System.Diagnostics;

namespace ZkCompat.Bench;

/// <summary>
/// What one session (or one churn slot) measured: a histogram per op kind, errors by code.
/// Written by one receive loop only, merged when the run ends.
/// </summary>
internal sealed class SessionStats(MeasureWindow window)
{
    private readonly LatencyHistogram?[] _byOp = new LatencyHistogram?[Enum.GetValues<OpKind>().Length];

    public Dictionary<string, long> ErrorCodes { get; } = [];

    public long Errors { get; private set; }

    public long ErrorsTotal { get; private set; }

    public MeasureWindow Window => window;

    public IEnumerable<(OpKind Op, LatencyHistogram Histogram)> Histograms =>
        _byOp.Select((h, i) => ((OpKind)i, h)).Where(x => x.h is not null).Select(x => (x.Item1, x.h!));

    /// <summary>Counts a successful operation and its latency if it completed inside the window.</summary>
    public void Completed(OpKind op, long startTimestamp, long endTimestamp)
    {
        if (!window.Contains(endTimestamp))
            return;
        var histogram = _byOp[(int)op] ??= new LatencyHistogram();
        histogram.Record((long)((endTimestamp - startTimestamp) * (1e9 / Stopwatch.Frequency)));
    }

    /// <summary>An error reply or a failed check; counted everywhere, and in the window's count when inside it.</summary>
    public void Error(OpKind op, string code, long timestamp)
    {
        ErrorsTotal++;
        var key = $"{op.ToString().ToLowerInvariant()}:{code}";
        ErrorCodes[key] = ErrorCodes.GetValueOrDefault(key) + 1;
        if (window.Contains(timestamp))
            Errors++;
    }

    public void Add(SessionStats other)
    {
        for (var i = 0; i < _byOp.Length; i++)
        {
            if (other._byOp[i] is { } h)
                (_byOp[i] ??= new LatencyHistogram()).Add(h);
        }

        Errors += other.Errors;
        ErrorsTotal += other.ErrorsTotal;
        foreach (var (code, count) in other.ErrorCodes)
            ErrorCodes[code] = ErrorCodes.GetValueOrDefault(code) + count;
    }
}
