namespace ZkCompat.CompatTests.Differential;

/// <summary>Reads (and records) whatever still arrives until the server closes the connection.</summary>
internal sealed class ExpectClosedStep(string conn) : Step
{
    public override string Describe() => $"{conn}: expect the server to close the connection";

    public override async Task RunAsync(ScenarioRun run)
    {
        var c = run.Conn(conn);
        if (c.Closed)
        {
            run.Record($"{conn}: already closed");
            return;
        }

        while (c.Usable)
            await run.ReadOneAsync(c, ScenarioRun.ReplyBound);
        if (!c.Closed)
            run.Fail($"{conn}: still open, expected the server to close it");
    }
}
