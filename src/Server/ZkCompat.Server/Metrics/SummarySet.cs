namespace ZkCompat.Server.Metrics;

/// <summary>
/// Java's AvgMinMaxCounterSet (percentiles: AvgMinMaxPercentileCounterSet): one summary per key,
/// named <c>key_name</c>, made on the key's first data point and kept (a reset zeroes it). mntr
/// prints the keys in Java's hash-map order (<see cref="JavaHashOrder"/>).
/// </summary>
internal sealed class SummarySet(string name, bool percentiles)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Summary> _byKey = new(StringComparer.Ordinal);
    private readonly List<string> _keysInOrder = [];

    public string Name { get; } = name;

    public void Add(string key, long value) => Add(key.AsSpan(), value);

    /// <summary>Adds under <paramref name="key"/>; a key seen before costs no allocation.</summary>
    public void Add(ReadOnlySpan<char> key, long value)
    {
        Summary? summary;
        lock (_gate)
        {
            if (!_byKey.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(key, out summary))
            {
                var name = key.ToString();
                _byKey[name] = summary = new Summary(name + "_" + Name, percentiles);
                _keysInOrder.Add(name);
            }
        }

        summary.Add(value);
    }

    public void Reset()
    {
        foreach (var summary in Summaries())
            summary.Reset();
    }

    public void Dump(List<(string Key, object Value)> sink)
    {
        foreach (var summary in Summaries())
            summary.Dump(sink);
    }

    private List<Summary> Summaries()
    {
        lock (_gate)
            return [.. JavaHashOrder.Of(_keysInOrder).Select(k => _byKey[k])];
    }
}
