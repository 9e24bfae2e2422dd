namespace ZkCompat.Server.Metrics;

/// <summary>A thread-safe count (Java's SimpleCounter); mntr prints it as an integer.</summary>
internal sealed class Counter(string name)
{
    private long _value;

    public string Name { get; } = name;

    public long Value => Interlocked.Read(ref _value);

    public void Add(long delta) => Interlocked.Add(ref _value, delta);

    public void Reset() => Interlocked.Exchange(ref _value, 0);

    public void Dump(List<(string Key, object Value)> sink) => sink.Add((Name, Value));
}
