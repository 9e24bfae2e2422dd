using System.Diagnostics;
using System.Text.RegularExpressions;
using Xunit.Abstractions;
using ZkCompat.CompatTests.Durability;
using ZkCompat.CompatTests.Ensemble;
using ZkCompat.CompatTests.Servers;

namespace ZkCompat.CompatTests.Mixed;

/// <summary>
/// The migration users do: a 3-node Java ensemble holding data has each node replaced by ZkCompat on
/// the same myid, ports and dataDir, one at a time, while a kazoo client keeps writing through every
/// member; then back to Java the same way. Every acknowledged write must be on every member at the
/// end, the trees identical, and the client's session the one it started with.
/// </summary>
[Collection(SerialEnsembles.Name)]
public sealed partial class RollingReplacementTests(ITestOutputHelper output)
{
    private const string Script = "ensemble/ensemble_client.py";
    private const int HeldNodes = 2000;

    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task JavaToZkCompatAndBack_OneNodeAtATime_UnderWrites_LosesNothing()
    {
        await using var ensemble = await EnsembleUnderTest.StartAsync(
            [MemberSpec.Participant("java"), MemberSpec.Participant("java"), MemberSpec.Participant("java")]);
        var acked = new List<string>();
        await using (var fill = ScriptProcess.StartClient(Script, ["fill", ensemble.ConnectString, "/held", $"{HeldNodes}"]))
        {
            if (await fill.WaitForLineAsync(l => l.StartsWith("FILLED", StringComparison.Ordinal) || l.StartsWith("FAIL", StringComparison.Ordinal), StepTimeout) is not { } filled
                || !filled.StartsWith("FILLED", StringComparison.Ordinal))
            {
                EnsembleChecks.Fail(ensemble, "the initial data was not written", fill.Describe());
            }
        }

        acked.AddRange(Enumerable.Range(0, HeldNodes).Select(i => $"/held/f-{i:D6}"));
        var stopFile = Path.Combine(Path.GetTempPath(), $"zkcompat-rolling-stop-{Guid.NewGuid():N}");
        try
        {
            await using var load = ScriptProcess.StartClient(Script, ["load", ensemble.ConnectString, "/rolling", "--stop-file", stopFile, "--rate", "100"]);
            var ready = await load.WaitForLineAsync(l => l.StartsWith("READY", StringComparison.Ordinal) || l.StartsWith("FAIL", StringComparison.Ordinal), StepTimeout);
            if (ready is null || !ready.StartsWith("READY 0x", StringComparison.Ordinal))
            {
                EnsembleChecks.Fail(ensemble, "the write load did not start", load.Describe());
            }

            foreach (var server in new[] { "zkcompat", "java" })
            {
                foreach (var member in ensemble.Members)
                {
                    await SwapAsync(ensemble, load, member, server);
                }
            }

            await File.WriteAllTextAsync(stopFile, "stop\n");
            if (!await load.WaitForExitAsync(StepTimeout) || load.ExitCode != 0 || load.Lines().LastOrDefault(l => l.StartsWith("DONE ", StringComparison.Ordinal)) is not { } done)
            {
                EnsembleChecks.Fail(ensemble, "the write load did not end cleanly", load.Describe());
                return;
            }

            var lines = load.Lines();
            acked.AddRange(lines.Where(l => l.StartsWith("ACK ", StringComparison.Ordinal)).Select(l => l.Split(' ')[1]));
            output.WriteLine($"load: {done}; started as {ready}");
            var summary = DoneLine().Match(done);
            Assert.True(summary.Success, done);
            Assert.Equal("0", summary.Groups["lost"].Value);
            Assert.Equal(ready["READY ".Length..], summary.Groups["session"].Value);
        }
        finally
        {
            File.Delete(stopFile);
        }

        await EnsembleChecks.EveryMemberHasAsync(ensemble, acked, output);
    }

    /// <summary>Replaces one member's server and waits for a write acknowledged after it rejoined.</summary>
    private async Task SwapAsync(EnsembleUnderTest ensemble, ScriptProcess load, EnsembleMember member, string server)
    {
        var clock = Stopwatch.StartNew();
        var nacksBefore = load.Lines().Count(l => l.StartsWith("NACK ", StringComparison.Ordinal));
        var status = await ensemble.ReplaceAsync(member, server);
        var rejoined = clock.Elapsed;
        var rejoinedMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        if (await load.WaitForLineAsync(l => l.StartsWith("ACK ", StringComparison.Ordinal) && long.Parse(l.Split(' ')[2], System.Globalization.CultureInfo.InvariantCulture) > rejoinedMs, StepTimeout) is null)
        {
            EnsembleChecks.Fail(ensemble, $"no write was acknowledged within {StepTimeout.TotalSeconds}s of {member} rejoining as {server}", load.Describe());
        }

        var nacks = load.Lines().Count(l => l.StartsWith("NACK ", StringComparison.Ordinal)) - nacksBefore;
        output.WriteLine($"{member} now {server}: back in the quorum after {rejoined.TotalMilliseconds:F0} ms ({status}); {nacks} writes failed during the swap");
    }

    [GeneratedRegex(@"lost=(?<lost>\d+) session=(?<session>0x[0-9a-f]+)")]
    private static partial Regex DoneLine();
}
