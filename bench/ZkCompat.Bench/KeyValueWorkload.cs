using System.Buffers.Binary;
using System.Diagnostics;

namespace ZkCompat.Bench;

/// <summary>
/// read (getData), write (setData) and mixed (read-pct % reads): each session keeps
/// <c>outstanding</c> requests on random keys in flight; every reply sends the next request.
/// A read's value must come back with the written size.
/// </summary>
internal sealed class KeyValueWorkload(BenchContext context) : Workload(context)
{
    private byte[][] _reads = [];
    private byte[][] _writes = [];
    private WireSession[] _sessions = [];
    private int _readPercent;
    private Task _pacer = Task.CompletedTask;

    public override IReadOnlyList<OpKind> PrimaryOps => [OpKind.Read, OpKind.Write];

    public override async Task PrepareAsync()
    {
        _readPercent = Options.Workload switch { "read" => 100, "write" => 0, _ => Options.ReadPercent };
        var value = Value();
        var setup = await ConnectSetupAsync().ConfigureAwait(false);
        await DataSet.PrepareKeysAsync(setup, Options.Root, Options.Keys, value).ConfigureAwait(false);
        await Context.CloseAsync(setup).ConfigureAwait(false);
        _reads = Enumerable.Range(0, Options.Keys).Select(i => Frames.GetData(DataSet.Key(Options.Root, i), watch: false)).ToArray();
        _writes = Enumerable.Range(0, Options.Keys).Select(i => Frames.SetData(DataSet.Key(Options.Root, i), value)).ToArray();
        _sessions = await ConnectAllAsync(Options.Sessions).ConfigureAwait(false);
    }

    public override void Start()
    {
        if (Options.RatePerSecond > 0)
        {
            _pacer = Task.Factory.StartNew(Pace, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            return;
        }

        foreach (var session in _sessions)
        {
            for (var i = 0; i < Options.Outstanding; i++)
                Issue(session);
            session.Flush();
        }
    }

    public override async Task StopAsync(TimeSpan drain)
    {
        await _pacer.ConfigureAwait(false);
        await base.StopAsync(drain).ConfigureAwait(false);
    }

    public override void OnReply(WireSession session, in Completion completion, ReadOnlySpan<byte> body)
    {
        if (completion.Op == OpKind.Read && completion.Err == 0
            && (body.Length < 4 || BinaryPrimitives.ReadInt32BigEndian(body) != Options.Size))
        {
            session.Stats.Error(OpKind.Read, "wrong_length", completion.EndTimestamp);
        }

        if (!Context.Stopping && Options.RatePerSecond <= 0)
            Issue(session);
    }

    /// <summary>Open loop: every millisecond, the requests that are due go out round-robin over the sessions.</summary>
    private void Pace()
    {
        var start = Stopwatch.GetTimestamp();
        long issued = 0;
        var next = 0;
        while (!Context.Stopping)
        {
            Thread.Sleep(1);
            if (Context.Stopping)
                break;
            var due = (long)(Stopwatch.GetElapsedTime(start).TotalSeconds * Options.RatePerSecond) - issued;
            for (var i = 0; i < due; i++)
            {
                Issue(_sessions[next]);
                next = (next + 1) % _sessions.Length;
            }

            issued += Math.Max(0, due);
            foreach (var session in _sessions)
                session.Flush();
        }
    }

    private void Issue(WireSession session)
    {
        var key = Random.Shared.Next(_reads.Length);
        if (_readPercent == 100 || (_readPercent > 0 && Random.Shared.Next(100) < _readPercent))
            session.Enqueue(OpKind.Read, _reads[key]);
        else
            session.Enqueue(OpKind.Write, _writes[key]);
    }
}
