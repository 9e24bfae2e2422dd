using System.Collections.Concurrent;
using System.Globalization;
using Xunit.Abstractions;
using ZkCompat.Quorum.Tests.Sim;

namespace ZkCompat.Quorum.Tests;

/// <summary>
/// Seeded schedules of the whole ensemble (see <see cref="Simulation"/>). The sweep runs
/// ZKC_SIM_SEEDS seeds (default 2000) from ZKC_SIM_FIRST (default 0); a failing seed is printed
/// and replays exactly with <see cref="Seed_Replays"/> or ZKC_SIM_SEED.
/// </summary>
public class SimulationTests(ITestOutputHelper output)
{
    [Fact]
    public void Sweep_EverySeedKeepsTheInvariants()
    {
        var first = Setting("ZKC_SIM_FIRST", 0);
        var count = Setting("ZKC_SIM_SEEDS", 2000);
        var failures = new ConcurrentDictionary<int, string>();
        var outcomes = new ConcurrentBag<SimulationOutcome>();
        var elapsed = new ConcurrentDictionary<int, long>();
        Parallel.For(first, first + count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, seed =>
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            try
            {
                outcomes.Add(Simulation.Run(seed));
            }
            catch (SimulationFailedException e)
            {
                failures[seed] = e.Message.Split('\n')[0];
            }

            elapsed[seed] = watch.ElapsedMilliseconds;
        });

        output.WriteLine($"{count} seeds from {first}: {outcomes.Sum(o => o.Writes)} writes issued, {outcomes.Sum(o => o.LeaderApplies)} acknowledged, {outcomes.Sum(o => o.Crashes)} crashes, "
            + $"election after healing max {outcomes.Select(o => o.ElectionAfterHealMs).DefaultIfEmpty().Max()} ms");
        output.WriteLine("slowest: " + string.Join(", ", elapsed.OrderByDescending(e => e.Value).Take(5).Select(e => $"seed {e.Key} {e.Value} ms")));
        foreach (var (seed, message) in failures.OrderBy(f => f.Key).Take(20))
            output.WriteLine($"FAILED seed {seed}: {message}");
        Assert.True(failures.IsEmpty, $"{failures.Count} of {count} seeds failed, first: {string.Join(", ", failures.Keys.Order().Take(20))}");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void Seed_Replays(int seed)
    {
        var outcome = Simulation.Run(seed, trace: true);
        output.WriteLine(outcome.ToString());
        Assert.Equal(outcome, Simulation.Run(seed, trace: true));
    }

    [Fact]
    public void SeedFromEnvironment_Replays()
    {
        if (Environment.GetEnvironmentVariable("ZKC_SIM_SEED") is not { } text)
            return;
        output.WriteLine(Simulation.Run(int.Parse(text, CultureInfo.InvariantCulture), trace: true).ToString());
    }

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), CultureInfo.InvariantCulture, out var value) ? value : fallback;
}
