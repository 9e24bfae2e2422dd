namespace ZkCompat.Server.Ops;

/// <summary>Min, max and average request latency in milliseconds, as Java's stats keep them; thread-safe.</summary>
internal sealed class LatencyTracker
{
    private readonly Lock _gate = new();
    private long _min = long.MaxValue;
    private long _max;
    private long _total;
    private long _count;
    private long _last;

    public long Last
    {
        get
        {
            lock (_gate)
                return _last;
        }
    }

    /// <summary>0 until a request has been measured, as Java prints it.</summary>
    public long Min
    {
        get
        {
            lock (_gate)
                return _count == 0 ? 0 : _min;
        }
    }

    public long Max
    {
        get
        {
            lock (_gate)
                return _max;
        }
    }

    public double Average
    {
        get
        {
            lock (_gate)
                return _count == 0 ? 0 : (double)_total / _count;
        }
    }

    public long Count
    {
        get
        {
            lock (_gate)
                return _count;
        }
    }

    public void Add(long ms)
    {
        lock (_gate)
        {
            _last = ms;
            _min = Math.Min(_min, ms);
            _max = Math.Max(_max, ms);
            _total += ms;
            _count++;
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            (_min, _max, _total, _count, _last) = (long.MaxValue, 0, 0, 0, 0);
        }
    }
}
