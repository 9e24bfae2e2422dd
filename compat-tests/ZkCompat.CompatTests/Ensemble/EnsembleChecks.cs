using System.Diagnostics.CodeAnalysis;
using Xunit.Abstractions;
using ZkCompat.CompatTests.Servers;
using ZkCompat.CompatTests.Support;

namespace ZkCompat.CompatTests.Ensemble;

/// <summary>What every ensemble test checks at its end, and how it fails (keeping the dataDirs).</summary>
internal static class EnsembleChecks
{
    private const int LogChars = 8_000;

    /// <summary>Every member that is up, read directly after a sync, holds every path in <paramref name="acked"/>, and all trees are equal.</summary>
    public static async Task EveryMemberHasAsync(EnsembleUnderTest ensemble, IReadOnlyCollection<string> acked, ITestOutputHelper output)
    {
        var status = await ensemble.WaitForQuorumAsync();
        var leader = status.Leader!;
        var leaderDump = TreeDump.Replicated(await ensemble.DumpAsync(leader));
        var failures = new List<string>();
        foreach (var member in ensemble.Members.Where(m => !m.IsDown))
        {
            var dump = member == leader ? leaderDump : TreeDump.Replicated(await ensemble.DumpAsync(member));
            var paths = dump.Select(TreeDump.PathOf).ToHashSet(StringComparer.Ordinal);
            var missing = acked.Where(p => !paths.Contains(p)).ToList();
            output.WriteLine($"{member}, {status.Modes[member]}: {dump.Count} nodes, {missing.Count} of {acked.Count} acknowledged writes missing");
            if (missing.Count > 0)
            {
                failures.Add($"{member} lacks {missing.Count} acknowledged writes, e.g. {string.Join(", ", missing.Take(10))}");
            }

            if (member != leader && TreeDump.Difference(leaderDump, dump, $"the leader {leader}", $"{member}") is { } difference)
            {
                failures.Add(difference);
            }
        }

        if (failures.Count > 0)
        {
            Fail(ensemble, string.Join("\n", failures), "");
        }
    }

    [DoesNotReturn]
    public static void Fail(EnsembleUnderTest ensemble, string what, string details)
    {
        ensemble.Keep = true;
        Assert.Fail($"{what}\n{details}\n{ensemble.Describe(LogChars)}");
    }
}
