namespace ZkCompat.CompatTests.Differential;

/// <summary>Sends one request and reads up to its reply; notifications that arrive first are recorded too.</summary>
internal sealed class RequestStep(string conn, RequestSpec spec, string description) : Step
{
    public string Conn { get; } = conn;

    public RequestSpec Spec { get; } = spec;

    public override string Describe() => $"{Conn}: {description}";

    public override async Task RunAsync(ScenarioRun run)
    {
        var c = run.Conn(Conn);
        if (!run.CheckUsable(c))
            return;
        var (xid, frame) = Spec.Prepare(run, c);
        if (!await run.SendAsync(c, frame))
        {
            Spec.Verify(run, c, null, []);
            return;
        }

        var (header, reply) = await run.AwaitReplyAsync(c, xid);
        Spec.Verify(run, c, header, reply);
    }
}
