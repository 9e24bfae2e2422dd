using ZkCompat.Protocol.Codes;

namespace ZkCompat.Server.Metrics;

/// <summary>
/// Every metric of Java's ServerMetrics (<see cref="MetricCatalog"/>), one registry per server:
/// the tree, the engine, the connections and the store record what they measure here, and mntr,
/// the admin monitor command and srst read or reset it. Thread-safe.
/// </summary>
internal sealed class MetricRegistry
{
    /// <summary>What Java adds to every read's size in read_per_namespace (DataTree.STAT_OVERHEAD_BYTES).</summary>
    private const int StatOverheadBytes = (6 * 8) + (5 * 4);

    private readonly Dictionary<string, Counter> _counters = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Summary> _summaries = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SummarySet> _summarySets = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CounterSet> _counterSets = new(StringComparer.Ordinal);
    private readonly List<Action<List<(string Key, object Value)>>> _dumpInJavaOrder = [];
    private readonly List<Action> _resets = [];
    private readonly SummarySet _readPerNamespace;
    private readonly SummarySet _writePerNamespace;

    public MetricRegistry()
    {
        foreach (var (kind, name) in MetricCatalog.Registrations)
        {
            switch (kind)
            {
                case MetricKind.Counter:
                    _counters[name] = new Counter(name);
                    break;
                case MetricKind.Summary or MetricKind.PercentileSummary:
                    _summaries[name] = new Summary(name, kind == MetricKind.PercentileSummary);
                    break;
                case MetricKind.SummarySet or MetricKind.PercentileSummarySet:
                    _summarySets[name] = new SummarySet(name, kind == MetricKind.PercentileSummarySet);
                    break;
                case MetricKind.CounterSet:
                    _counterSets[name] = new CounterSet(name);
                    break;
            }
        }

        // Java's DefaultMetricsProvider dumps counters, counter sets, basic summaries, percentile
        // summaries, basic summary sets, percentile summary sets: each map in its hash order.
        Order(MetricKind.Counter, _counters, c => c.Dump, c => c.Reset);
        Order(MetricKind.CounterSet, _counterSets, c => c.Dump, c => c.Reset);
        Order(MetricKind.Summary, _summaries, s => s.Dump, s => s.Reset);
        Order(MetricKind.PercentileSummary, _summaries, s => s.Dump, s => s.Reset);
        Order(MetricKind.SummarySet, _summarySets, s => s.Dump, s => s.Reset);
        Order(MetricKind.PercentileSummarySet, _summarySets, s => s.Dump, s => s.Reset);
        BytesReceived = _counters["bytes_received_count"];
        ResponseBytes = _counters["response_bytes"];
        WatchBytes = _counters["watch_bytes"];
        ReadLatency = _summaries["readlatency"];
        UpdateLatency = _summaries["updatelatency"];
        _readPerNamespace = _summarySets["read_per_namespace"];
        _writePerNamespace = _summarySets["write_per_namespace"];
    }

    /// <summary>Bytes of every frame (length prefix included) and four-letter word read from clients.</summary>
    public Counter BytesReceived { get; }

    /// <summary>Bytes of the replies to requests (not pings, auth or connects), without the length prefix.</summary>
    public Counter ResponseBytes { get; }

    /// <summary>Bytes of the watch notifications sent, without the length prefix.</summary>
    public Counter WatchBytes { get; }

    /// <summary>Milliseconds from a read's arrival to its reply (requests that make no txn).</summary>
    public Summary ReadLatency { get; }

    /// <summary>Milliseconds from a write's arrival to its reply (requests that make a txn).</summary>
    public Summary UpdateLatency { get; }

    public Counter Counter(string name) => _counters[name];

    public Summary Summary(string name) => _summaries[name];

    public SummarySet SummarySet(string name) => _summarySets[name];

    public CounterSet CounterSet(string name) => _counterSets[name];

    /// <summary>The metrics in mntr's order, after the gauges; values are long or double.</summary>
    public List<(string Key, object Value)> Dump()
    {
        var sink = new List<(string Key, object Value)>(512);
        foreach (var dump in _dumpInJavaOrder)
            dump(sink);
        return sink;
    }

    /// <summary>srst: every counter and summary back to empty; per-namespace entries stay, zeroed (Java's resetAllValues).</summary>
    public void Reset()
    {
        foreach (var reset in _resets)
            reset();
    }

    /// <summary>A getData, exists or getChildren answered from the tree (Java's DataTree.updateReadStat).</summary>
    public void NodeRead(string path, long bytes)
    {
        if (TryTopNamespace(path, out var ns))
            _readPerNamespace.Add(ns, path.Length + bytes + StatOverheadBytes);
    }

    /// <summary>A node created, deleted (bytes 0) or its data set (Java's DataTree.updateWriteStat).</summary>
    public void NodeWritten(string path, long bytes)
    {
        if (TryTopNamespace(path, out var ns))
            _writePerNamespace.Add(ns, path.Length + bytes);
    }

    /// <summary>A write refused with QUOTAEXCEEDED by a hard limit.</summary>
    public void QuotaExceeded(string path)
    {
        if (TopNamespace(path) is { } ns)
            _counterSets["quota_exceeded_error_per_namespace"].Add(ns, 1);
    }

    /// <summary>One change fired this many watchers of one watch table (Java counts only when some fired).</summary>
    public void WatchesFired(EventType type, int count)
    {
        var name = type switch
        {
            EventType.NodeCreated => "node_created_watch_count",
            EventType.NodeDeleted => "node_deleted_watch_count",
            EventType.NodeDataChanged => "node_changed_watch_count",
            EventType.NodeChildrenChanged => "node_children_watch_count",
            _ => null,
        };
        if (name is not null && count > 0)
            _summaries[name].Add(count);
    }

    /// <summary>Java's PathUtils.getTopNamespace: the first path segment, none for "/".</summary>
    public static string? TopNamespace(string path)
    {
        if (path.Length > 1 && path[0] == '/' && path[1] != '/')
        {
            var end = path.IndexOf('/', 1);
            return end < 0 ? path[1..] : path[1..end];
        }

        var parts = path.Split('/');
        var length = parts.Length;
        // String.split drops trailing empty strings.
        while (length > 0 && parts[length - 1].Length == 0)
            length--;
        return length > 1 ? parts[1] : null;
    }

    /// <summary><see cref="TopNamespace"/> without a new string for the usual "/ns/..." path (the read path allocates nothing).</summary>
    public static bool TryTopNamespace(string path, out ReadOnlySpan<char> ns)
    {
        if (path.Length > 1 && path[0] == '/' && path[1] != '/')
        {
            var end = path.IndexOf('/', 1);
            ns = end < 0 ? path.AsSpan(1) : path.AsSpan(1, end - 1);
            return true;
        }

        var top = TopNamespace(path);
        ns = top;
        return top is not null;
    }

    private void Order<T>(MetricKind kind, Dictionary<string, T> byName, Func<T, Action<List<(string, object)>>> dump, Func<T, Action> reset)
    {
        var names = MetricCatalog.Registrations.Where(r => r.Kind == kind).Select(r => r.Name);
        foreach (var name in JavaHashOrder.Of(names))
        {
            _dumpInJavaOrder.Add(dump(byName[name]));
            _resets.Add(reset(byName[name]));
        }
    }
}
