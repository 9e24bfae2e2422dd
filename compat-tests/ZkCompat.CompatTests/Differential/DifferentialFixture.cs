using System.Collections.Concurrent;

namespace ZkCompat.CompatTests.Differential;

/// <summary>
/// Shared by every scenario of <see cref="DifferentialTests"/>: the server pool and the results.
/// With ZKCOMPAT_COMPAT_REPORT=&lt;file&gt; set (tools/compat-report.sh sets it), the results are
/// written there as docs/COMPATIBILITY.md when the run ends.
/// </summary>
public sealed class DifferentialFixture : IAsyncLifetime
{
    public const string ReportVariable = "ZKCOMPAT_COMPAT_REPORT";

    /// <summary>A directory to write every scenario's transcripts to, for review.</summary>
    public const string DumpVariable = "ZKCOMPAT_DIFF_DUMP";

    private readonly ServerPool _servers = new();
    private readonly ConcurrentDictionary<string, ScenarioResult> _results = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _servers.StopAllAsync();
        if (Environment.GetEnvironmentVariable(ReportVariable) is { Length: > 0 } path)
        {
            var report = CompatibilityReport.Render(ScenarioCatalog.All,
                s => _results.TryGetValue(s.Name, out var r) ? (r.JavaOutcome, r.ZkCompatOutcome) : (ScenarioOutcome.NotRun, ScenarioOutcome.NotRun));
            await File.WriteAllTextAsync(path, report);
        }
    }

    /// <summary>Runs the scenario on Java and on ZkCompat at the same time; each has its own server.</summary>
    internal async Task<(ScenarioResult Result, string ZkCompatLog)> RunAsync(Scenario scenario)
    {
        var (java, zk) = await _servers.GetAsync(scenario.Profile);
        try
        {
            var javaRun = ScenarioRunner.RunAsync(scenario, java.Host, java.Port);
            var zkRun = ScenarioRunner.RunAsync(scenario, zk.Host, zk.Port);
            var result = new ScenarioResult(scenario, await javaRun, await zkRun);
            _results[scenario.Name] = result;
            if (Environment.GetEnvironmentVariable(DumpVariable) is { Length: > 0 } dir)
            {
                Directory.CreateDirectory(dir);
                await File.WriteAllTextAsync(Path.Combine(dir, scenario.Name.Replace('/', '_') + ".txt"), result.Describe());
            }

            return (result, zk.Describe(4_000));
        }
        finally
        {
            if (scenario.Profile == ServerProfile.Fresh)
            {
                await java.DisposeAsync();
                await zk.DisposeAsync();
            }
        }
    }
}
