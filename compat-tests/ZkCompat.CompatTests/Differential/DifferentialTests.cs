using Xunit.Sdk;

namespace ZkCompat.CompatTests.Differential;

/// <summary>
/// Each scenario of <see cref="ScenarioCatalog"/> is one test: it runs on Java ZooKeeper 3.8.0 and on
/// ZkCompat, must meet its stated expectations on Java, and must give ZkCompat the same normalized
/// transcript, unless it is marked expected-to-fail, in which case it must still fail there.
/// </summary>
public sealed class DifferentialTests(DifferentialFixture fixture) : IClassFixture<DifferentialFixture>
{
    public static TheoryData<string> Scenarios => [.. ScenarioCatalog.All.Select(s => s.Name)];

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task Scenario_MatchesJava(string name)
    {
        var scenario = ScenarioCatalog.Get(name);
        var (result, zkLog) = await fixture.RunAsync(scenario);
        if (result.JavaOutcome != ScenarioOutcome.Pass)
            throw new XunitException($"the scenario does not describe Java ZooKeeper 3.8.0: fix the scenario.\n{result.Describe()}");
        switch (result.ZkCompatOutcome)
        {
            case ScenarioOutcome.Fail:
                throw new XunitException($"ZkCompat differs from Java.\n{result.Describe()}\n{zkLog}");
            case ScenarioOutcome.UnexpectedPass:
                throw new XunitException($"ZkCompat now passes a scenario marked '{scenario.Mark!.Label}': remove the mark " +
                    $"and run tools/compat-report.sh.\n{result.Describe()}");
        }
    }
}
