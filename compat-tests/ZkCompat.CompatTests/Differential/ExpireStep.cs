using ZkCompat.Protocol.Codes;

namespace ZkCompat.CompatTests.Differential;

/// <summary>
/// Ends a session the way expiry does, without waiting for it: a second connection takes the session
/// over (which closes the first one, PROTOCOL.md §2.2 rule 7a) and sends closeSession (§2.5: the
/// same txn the expiry tracker submits), so ephemerals go and watchers hear of it at once.
/// </summary>
internal sealed class ExpireStep(string conn) : Step
{
    public override string Describe() => $"{conn}: expire the session (take over on a second connection, closeSession)";

    public override async Task RunAsync(ScenarioRun run)
    {
        var c = run.Conn(conn);
        var name = conn + "'";
        await new ConnectStep(name, new ConnectSpec { SessionOf = conn }).RunAsync(run);
        var t = run.Conn(name);
        if (!t.Usable)
        {
            run.Fail($"{conn}: the takeover connection did not get the session");
            return;
        }

        var close = new RequestSpec(OpCode.CloseSession, null, ErrorCode.Ok);
        var (xid, frame) = close.Prepare(run, t);
        if (await run.SendAsync(t, frame))
        {
            var (header, reply) = await run.AwaitReplyAsync(t, xid);
            close.Verify(run, t, header, reply);
        }

        await new ExpectClosedStep(name).RunAsync(run);
        run.EndedSessions.Add(c.SessionId);
    }
}
