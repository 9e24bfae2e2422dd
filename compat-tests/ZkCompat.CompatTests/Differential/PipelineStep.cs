namespace ZkCompat.CompatTests.Differential;

/// <summary>Sends several requests in one TCP write, then reads their replies in order (PROTOCOL.md §1.1).</summary>
internal sealed class PipelineStep(string conn, IReadOnlyList<RequestSpec> specs, string description) : Step
{
    public override string Describe() => $"{conn}: pipelined {description}";

    public override async Task RunAsync(ScenarioRun run)
    {
        var c = run.Conn(conn);
        if (!run.CheckUsable(c))
            return;
        var prepared = specs.Select(s => s.Prepare(run, c)).ToList();
        if (!await run.SendAsync(c, prepared.SelectMany(p => p.Frame).ToArray()))
            return;
        await ReadRepliesAsync(run, c, specs, prepared.Select(p => p.Xid).ToList());
    }

    /// <summary>Reads the reply of each request in turn; once the connection ends the rest are reported missing.</summary>
    public static async Task ReadRepliesAsync(ScenarioRun run, ScenarioConnection c, IReadOnlyList<RequestSpec> specs, IReadOnlyList<int> xids)
    {
        for (var i = 0; i < specs.Count; i++)
        {
            var (header, reply) = c.Usable ? await run.AwaitReplyAsync(c, xids[i]) : (null, []);
            specs[i].Verify(run, c, header, reply);
        }
    }
}
