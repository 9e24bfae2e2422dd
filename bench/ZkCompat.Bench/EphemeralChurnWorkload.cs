using System.Globalization;
using ZkCompat.Protocol.Codes;

namespace ZkCompat.Bench;

/// <summary>
/// Ephemeral churn: each of <c>sessions</c> slots, over and over, opens a session, creates
/// <c>ephemerals</c> ephemeral znodes (at most <c>outstanding</c> in flight) and closes the
/// session, which deletes them. Connect, each create and the close are one op each.
/// </summary>
internal sealed class EphemeralChurnWorkload(BenchContext context) : Workload(context)
{
    private byte[][][] _creates = [];
    private Slot[] _slots = [];
    private Task[] _loops = [];

    public override IReadOnlyList<OpKind> PrimaryOps => [OpKind.Connect, OpKind.Create, OpKind.Close];

    public override async Task PrepareAsync()
    {
        var value = Value();
        var dir = Options.Root + "/eph";
        _creates = Enumerable.Range(0, Options.Sessions)
            .Select(s => Enumerable.Range(0, Options.Ephemerals)
                .Select(j => Frames.Create(string.Create(CultureInfo.InvariantCulture, $"{dir}/s{s:D4}-{j:D4}"), value, CreateMode.Ephemeral))
                .ToArray())
            .ToArray();
        var setup = await ConnectSetupAsync().ConfigureAwait(false);
        await DataSet.EnsurePathAsync(setup, dir).ConfigureAwait(false);
        await Context.CloseAsync(setup).ConfigureAwait(false);
        _slots = Enumerable.Range(0, Options.Sessions).Select(_ => new Slot(Context.NewStats())).ToArray();
    }

    public override void Start() => _loops = _slots.Select((slot, i) => Task.Run(() => ChurnAsync(i, slot))).ToArray();

    public override async Task StopAsync(TimeSpan drain)
    {
        await Task.WhenAny(Task.WhenAll(_loops), Task.Delay(drain)).ConfigureAwait(false);
        await base.StopAsync(TimeSpan.Zero).ConfigureAwait(false);
    }

    public override void OnReply(WireSession session, in Completion completion, ReadOnlySpan<byte> body)
    {
        if (completion.Op != OpKind.Create)
            return;
        var slot = _slots[session.Index];
        var next = Interlocked.Increment(ref slot.Sent) - 1;
        if (next < Options.Ephemerals)
            session.Enqueue(OpKind.Create, _creates[session.Index][next]);
        if (Interlocked.Increment(ref slot.Answered) == Options.Ephemerals)
            slot.AllAnswered.TrySetResult();
    }

    private async Task ChurnAsync(int index, Slot slot)
    {
        while (!Context.Stopping)
        {
            WireSession session;
            try
            {
                session = await Context.ConnectAsync(index, this, slot.Stats).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException)
            {
                slot.Stats.Error(OpKind.Connect, "connect_failed", System.Diagnostics.Stopwatch.GetTimestamp());
                await Task.Delay(50).ConfigureAwait(false);
                continue;
            }

            slot.Reset();
            var first = Math.Min(Options.Outstanding, Options.Ephemerals);
            Interlocked.Exchange(ref slot.Sent, first);
            for (var j = 0; j < first; j++)
                session.Enqueue(OpKind.Create, _creates[index][j]);
            session.Flush();
            await Task.WhenAny(slot.AllAnswered.Task, session.Closed).ConfigureAwait(false);
            await Context.CloseAsync(session).ConfigureAwait(false);
        }
    }

    private sealed class Slot(SessionStats stats)
    {
        public int Sent;
        public int Answered;

        public SessionStats Stats => stats;

        public TaskCompletionSource AllAnswered { get; private set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Reset()
        {
            Answered = 0;
            AllAnswered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }
}
