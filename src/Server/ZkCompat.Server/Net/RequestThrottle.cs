namespace ZkCompat.Server.Net;

/// <summary>
/// Bounds the requests posted to the apply loop but not yet answered, across all connections
/// (Java's zookeeper.globalOutstandingLimit, default 1000). At the limit, connections stop reading
/// until replies drain: back-pressure through TCP instead of an ever-growing queue.
/// </summary>
internal sealed class RequestThrottle(int limit)
{
    private readonly Lock _gate = new();
    private TaskCompletionSource _below = Completed();
    private int _outstanding;

    public int Outstanding
    {
        get
        {
            lock (_gate)
                return _outstanding;
        }
    }

    /// <summary>The most requests ever outstanding at once.</summary>
    public int MaxSeen { get; private set; }

    public void Enter()
    {
        lock (_gate)
        {
            _outstanding++;
            MaxSeen = Math.Max(MaxSeen, _outstanding);
            if (_outstanding >= limit && _below.Task.IsCompleted)
                _below = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    public void Exit(int count = 1)
    {
        if (count <= 0)
            return;
        lock (_gate)
        {
            _outstanding -= count;
            if (_outstanding < limit)
                _below.TrySetResult();
        }
    }

    /// <summary>Completes once fewer than the limit are outstanding.</summary>
    public Task WhenBelowLimit()
    {
        lock (_gate)
            return _outstanding < limit ? Task.CompletedTask : _below.Task;
    }

    private static TaskCompletionSource Completed()
    {
        var done = new TaskCompletionSource();
        done.SetResult();
        return done;
    }
}
