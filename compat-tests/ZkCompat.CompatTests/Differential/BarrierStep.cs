using ZkCompat.Protocol.Codes;

namespace ZkCompat.CompatTests.Differential;

/// <summary>
/// A ping, read up to its reply. Notifications are queued before any later reply (PROTOCOL.md §5.3),
/// so everything the server had for this connection arrives first: that makes "no event" checkable
/// without waiting for time to pass.
/// </summary>
internal sealed class BarrierStep(string conn, bool expectNoEvents) : Step
{
    public override string Describe() => $"{conn}: ping{(expectNoEvents ? ", no notification before its reply" : "")}";

    public override async Task RunAsync(ScenarioRun run)
    {
        var c = run.Conn(conn);
        if (!run.CheckUsable(c))
            return;
        var before = run.Lines.Count;
        var spec = new RequestSpec(OpCode.Ping, null, ErrorCode.Ok);
        var (xid, frame) = spec.Prepare(run, c);
        if (!await run.SendAsync(c, frame))
        {
            spec.Verify(run, c, null, []);
            return;
        }

        var (header, reply) = await run.AwaitReplyAsync(c, xid);
        spec.Verify(run, c, header, reply);
        if (expectNoEvents && run.Lines.Skip(before).Any(l => l.Text.StartsWith($"{conn}< event", StringComparison.Ordinal)))
            run.Fail($"{conn}: a notification arrived where ZooKeeper sends none");
    }
}
