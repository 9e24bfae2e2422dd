using System.Globalization;
using ZkCompat.Protocol.Codes;

namespace ZkCompat.Bench;

/// <summary>
/// create+delete: each of a session's <c>outstanding</c> slots creates its own znode (with the
/// value) and deletes it when the create is answered, over and over. Create and delete are two ops.
/// </summary>
internal sealed class CreateDeleteWorkload(BenchContext context) : Workload(context)
{
    private byte[][][] _creates = [];
    private byte[][][] _deletes = [];
    private WireSession[] _sessions = [];

    public override IReadOnlyList<OpKind> PrimaryOps => [OpKind.Create, OpKind.Delete];

    public override async Task PrepareAsync()
    {
        var value = Value();
        var dir = Options.Root + "/cd";
        string PathOf(int s, int slot) => string.Create(CultureInfo.InvariantCulture, $"{dir}/s{s:D4}-{slot:D5}");
        _creates = new byte[Options.Sessions][][];
        _deletes = new byte[Options.Sessions][][];
        for (var s = 0; s < Options.Sessions; s++)
        {
            _creates[s] = Enumerable.Range(0, Options.Outstanding).Select(slot => Frames.Create(PathOf(s, slot), value, CreateMode.Persistent)).ToArray();
            _deletes[s] = Enumerable.Range(0, Options.Outstanding).Select(slot => Frames.Delete(PathOf(s, slot))).ToArray();
        }

        var setup = await ConnectSetupAsync().ConfigureAwait(false);
        await DataSet.EnsurePathAsync(setup, dir).ConfigureAwait(false);
        var all = Enumerable.Range(0, Options.Sessions).SelectMany(s => Enumerable.Range(0, Options.Outstanding).Select(slot => PathOf(s, slot)));
        await DataSet.DeleteAsync(setup, all).ConfigureAwait(false);
        await Context.CloseAsync(setup).ConfigureAwait(false);
        _sessions = await ConnectAllAsync(Options.Sessions).ConfigureAwait(false);
    }

    public override void Start()
    {
        foreach (var session in _sessions)
        {
            for (var slot = 0; slot < Options.Outstanding; slot++)
                session.Enqueue(OpKind.Create, _creates[session.Index][slot], slot);
            session.Flush();
        }
    }

    public override void OnReply(WireSession session, in Completion completion, ReadOnlySpan<byte> body)
    {
        var slot = (int)completion.Tag;
        // A created node is always deleted again, even while stopping, so no run leaves nodes behind.
        if (completion.Op == OpKind.Create)
            session.Enqueue(OpKind.Delete, _deletes[session.Index][slot], slot);
        else if (completion.Op == OpKind.Delete && !Context.Stopping)
            session.Enqueue(OpKind.Create, _creates[session.Index][slot], slot);
    }
}
