namespace ZkCompat.CompatTests.Differential;

/// <summary>Sends bytes that are not a well-formed request (bad frame lengths); a later step reads the reaction.</summary>
internal sealed class RawSendStep(string conn, byte[] bytes, string what) : Step
{
    public override string Describe() => $"{conn}: send raw {what}";

    public override async Task RunAsync(ScenarioRun run)
    {
        var c = run.Conn(conn);
        if (!run.CheckUsable(c))
            return;
        run.Record($"{conn}> raw {what} ({bytes.Length} bytes)");
        await run.SendAsync(c, bytes);
    }
}
