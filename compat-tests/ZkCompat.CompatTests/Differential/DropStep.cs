namespace ZkCompat.CompatTests.Differential;

/// <summary>The client closes its socket without closeSession, as a crashed or partitioned client would.</summary>
internal sealed class DropStep(string conn) : Step
{
    public override string Describe() => $"{conn}: drop the TCP connection (no closeSession)";

    public override async Task RunAsync(ScenarioRun run)
    {
        var c = run.Conn(conn);
        run.Record($"{conn}: dropped by the client");
        await c.Wire.DisposeAsync();
        c.Closed = true;
    }
}
