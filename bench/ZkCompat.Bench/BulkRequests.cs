namespace ZkCompat.Bench;

/// <summary>
/// Sends many requests on one session with a bounded pipeline and waits for every reply: the
/// setup of data sets and the populate workload. Errors outside <c>allowed</c> are counted.
/// </summary>
internal sealed class BulkRequests : ISessionHandler
{
    private readonly Lock _gate = new();
    private readonly IEnumerator<byte[]> _frames;
    private readonly OpKind _op;
    private readonly int _window;
    private readonly int[] _allowed;
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _inflight;
    private bool _exhausted;

    private BulkRequests(IEnumerable<byte[]> frames, OpKind op, int window, int[] allowed)
    {
        _frames = frames.GetEnumerator();
        _op = op;
        _window = window;
        _allowed = allowed;
    }

    public long Sent { get; private set; }

    public long Failed { get; private set; }

    public int FirstError { get; private set; }

    /// <summary>Runs <paramref name="frames"/> on <paramref name="session"/>; returns this run's counts.</summary>
    public static async Task<BulkRequests> RunAsync(WireSession session, OpKind op, IEnumerable<byte[]> frames, int window, params int[] allowed)
    {
        var bulk = new BulkRequests(frames, op, window, allowed);
        var previous = session.Handler;
        session.Handler = bulk;
        bulk.Fill(session);
        await Task.WhenAny(bulk._done.Task, session.Closed).ConfigureAwait(false);
        session.Handler = previous;
        if (!bulk._done.Task.IsCompleted)
            throw new IOException("the server closed the session during setup");
        return bulk;
    }

    /// <summary>Throws when any request failed with an error that was not allowed.</summary>
    public BulkRequests ThrowOnFailure(string what) =>
        Failed == 0 ? this : throw new InvalidOperationException($"{what}: {Failed} requests failed (first error {FirstError})");

    public void OnReply(WireSession session, in Completion completion, ReadOnlySpan<byte> body)
    {
        lock (_gate)
        {
            _inflight--;
            if (completion.Err != 0 && Array.IndexOf(_allowed, completion.Err) < 0)
            {
                if (Failed++ == 0)
                    FirstError = completion.Err;
            }
        }

        Fill(session);
    }

    public void OnNotification(WireSession session, int eventType, ReadOnlySpan<byte> path, long timestamp)
    {
    }

    private void Fill(WireSession session)
    {
        lock (_gate)
        {
            while (!_exhausted && _inflight < _window)
            {
                if (!_frames.MoveNext())
                {
                    _exhausted = true;
                    break;
                }

                session.Enqueue(_op, _frames.Current);
                _inflight++;
                Sent++;
            }

            if (_exhausted && _inflight == 0)
                _done.TrySetResult();
        }

        session.Flush();
    }
}
