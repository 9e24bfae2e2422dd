namespace ZkCompat.Server.Metrics;

/// <summary>Java's SimpleCounterSet: one counter per key, named <c>key_name</c>, in Java's hash-map order.</summary>
internal sealed class CounterSet(string name)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Counter> _byKey = new(StringComparer.Ordinal);
    private readonly List<string> _keysInOrder = [];

    public string Name { get; } = name;

    public void Add(string key, long delta)
    {
        Counter counter;
        lock (_gate)
        {
            if (!_byKey.TryGetValue(key, out counter!))
            {
                _byKey[key] = counter = new Counter(key + "_" + Name);
                _keysInOrder.Add(key);
            }
        }

        counter.Add(delta);
    }

    public void Reset()
    {
        foreach (var counter in Counters())
            counter.Reset();
    }

    public void Dump(List<(string Key, object Value)> sink)
    {
        foreach (var counter in Counters())
            counter.Dump(sink);
    }

    private List<Counter> Counters()
    {
        lock (_gate)
            return [.. JavaHashOrder.Of(_keysInOrder).Select(k => _byKey[k])];
    }
}
