namespace ZkCompat.CompatTests.Differential;

/// <summary>Runs a scenario's steps against one server, drains its connections, then ends its sessions.</summary>
internal static class ScenarioRunner
{
    public static async Task<RunResult> RunAsync(Scenario scenario, string host, int port)
    {
        await using var run = new ScenarioRun(host, port, scenario.Root);
        string? error = null;
        try
        {
            for (var i = 0; i < scenario.Steps.Count; i++)
            {
                run.Step = i + 1;
                await scenario.Steps[i].RunAsync(run);
            }

            // Anything still queued for a live connection (a stray or duplicate notification) shows here.
            run.Step = -1;
            foreach (var conn in run.Connections.Values.Where(c => c.Usable).OrderBy(c => c.Name, StringComparer.Ordinal).ToList())
                await new BarrierStep(conn.Name, expectNoEvents: false).RunAsync(run);
        }
#pragma warning disable CA1031 // Any harness failure is reported with the transcript so far, and the sessions still get cleaned up.
        catch (Exception e)
#pragma warning restore CA1031
        {
            run.Record($"harness error: {e.GetType().Name}: {e.Message}");
            error = e.ToString();
        }

        await SessionCleanup.EndAllAsync(run);
        return new RunResult([.. run.Lines], [.. run.Failures], error);
    }
}
