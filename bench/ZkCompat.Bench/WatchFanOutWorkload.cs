using System.Diagnostics;
using System.Globalization;
using ZkCompat.Protocol.Codes;

namespace ZkCompat.Bench;

/// <summary>
/// Watch fan-out: session 0 writes, the other sessions all watch the same <c>outstanding</c> nodes.
/// One setData on a node notifies every watcher; each watcher times the notification from the
/// write's send (one Notify op each) and re-arms its watch; once every watcher has re-armed, the
/// node is written again. Ops/s counts notifications delivered.
/// </summary>
internal sealed class WatchFanOutWorkload(BenchContext context) : Workload(context)
{
    private const string NodePrefix = "w";
    private byte[][] _writes = [];
    private byte[][] _watches = [];
    private long[] _triggeredAt = [];
    private int[] _remaining = [];
    private WireSession[] _sessions = [];
    private int _prefixLength;

    public override IReadOnlyList<OpKind> PrimaryOps => [OpKind.Notify];

    public override async Task PrepareAsync()
    {
        var value = Value();
        var dir = Options.Root + "/watch";
        var nodes = Enumerable.Range(0, Options.Outstanding).Select(i => string.Create(CultureInfo.InvariantCulture, $"{dir}/{NodePrefix}{i:D5}")).ToArray();
        _prefixLength = dir.Length + 1 + NodePrefix.Length;
        _writes = nodes.Select(n => Frames.SetData(n, value)).ToArray();
        _watches = nodes.Select(n => Frames.GetData(n, watch: true)).ToArray();
        _triggeredAt = new long[nodes.Length];
        _remaining = new int[nodes.Length];
        var setup = await ConnectSetupAsync().ConfigureAwait(false);
        await DataSet.EnsurePathAsync(setup, dir).ConfigureAwait(false);
        (await BulkRequests.RunAsync(setup, OpKind.Create, nodes.Select(n => Frames.Create(n, value, CreateMode.Persistent)), 200, (int)ErrorCode.NodeExists).ConfigureAwait(false))
            .ThrowOnFailure("creating watched nodes");
        await Context.CloseAsync(setup).ConfigureAwait(false);
        _sessions = await ConnectAllAsync(Options.Sessions).ConfigureAwait(false);
        foreach (var watcher in _sessions.Skip(1))
        {
            (await BulkRequests.RunAsync(watcher, OpKind.Read, _watches, 200).ConfigureAwait(false)).ThrowOnFailure("setting watches");
        }
    }

    public override void Start()
    {
        for (var i = 0; i < _writes.Length; i++)
            Trigger(i);
    }

    public override void OnNotification(WireSession session, int eventType, ReadOnlySpan<byte> path, long timestamp)
    {
        if (eventType != (int)EventType.NodeDataChanged || !TryNodeOf(path, out var node))
        {
            session.Stats.Error(OpKind.Notify, "unexpected_event", timestamp);
            return;
        }

        session.Stats.Completed(OpKind.Notify, Volatile.Read(ref _triggeredAt[node]), timestamp);
        session.Enqueue(OpKind.Read, _watches[node], node);
    }

    public override void OnReply(WireSession session, in Completion completion, ReadOnlySpan<byte> body)
    {
        // The writer's setData replies need nothing; a watcher's re-arm may free the node for its next write.
        if (completion.Op == OpKind.Read && Interlocked.Decrement(ref _remaining[(int)completion.Tag]) == 0 && !Context.Stopping)
            Trigger((int)completion.Tag);
    }

    private void Trigger(int node)
    {
        var writer = _sessions[0];
        Volatile.Write(ref _remaining[node], _sessions.Length - 1);
        Volatile.Write(ref _triggeredAt[node], Stopwatch.GetTimestamp());
        writer.Enqueue(OpKind.Write, _writes[node], node);
        writer.Flush();
    }

    private bool TryNodeOf(ReadOnlySpan<byte> path, out int node)
    {
        node = 0;
        if (path.Length <= _prefixLength)
            return false;
        foreach (var b in path[_prefixLength..])
        {
            if (b is < (byte)'0' or > (byte)'9')
                return false;
            node = (node * 10) + (b - '0');
        }

        return node < _writes.Length;
    }
}
