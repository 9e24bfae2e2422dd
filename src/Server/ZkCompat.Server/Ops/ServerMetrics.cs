using System.Diagnostics.Metrics;
using ZkCompat.Protocol.Ids;

namespace ZkCompat.Server.Ops;

/// <summary>
/// ZooKeeper's gauges (znode_count, watch_count, outstanding_requests, avg/min/max_latency, …, mntr's
/// gauge keys) as observable instruments on the injected <see cref="Meter"/>. The engine
/// is read on its loop by <see cref="RefreshAsync"/>; the instruments report that reading.
/// </summary>
internal sealed class ServerMetrics
{
    private readonly ServerOps _ops;
    private volatile Dictionary<string, double> _values = new(StringComparer.Ordinal);

    public ServerMetrics(ServerOps ops, Meter meter)
    {
        _ops = ops;
        Meter = meter;
        var empty = new EngineView(Zxid.Zero, 0, 0, 0, [], [], 0, [], 0, []);
        foreach (var (key, value) in MonitorValues.Gauges(ops, empty))
        {
            if (value is long or double)
                meter.CreateObservableGauge(key, () => _values.GetValueOrDefault(key), description: key);
        }
    }

    public Meter Meter { get; }

    /// <summary>Reads the engine once; false when it is not serving (the last reading stays).</summary>
    public async Task<bool> RefreshAsync()
    {
        var view = await _ops.InspectAsync().ConfigureAwait(false);
        if (view is null)
            return false;
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (key, value) in MonitorValues.Gauges(_ops, view))
        {
            if (value is long n)
                values[key] = n;
            else if (value is double d)
                values[key] = d;
        }

        _values = values;
        return true;
    }
}
