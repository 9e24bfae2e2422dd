using System.Diagnostics;
using System.Globalization;
using Xunit.Abstractions;
using ZkCompat.CompatTests.Servers;

namespace ZkCompat.CompatTests.Durability;

/// <summary>
/// A server under pipelined write load (kazoo, 50 outstanding creates, setDatas and multis of 2-3
/// creates) is SIGKILLed at a seeded point, again and again on the same dataDir. After every restart
/// clients/durability/crash_client.py checks every write any earlier round saw acknowledged (present,
/// with its data and version) and that no multi is half applied; a last restart only checks. The Java
/// run proves the checker. Seed: ZKCOMPAT_DURABILITY_SEED (default below), printed on failure.
/// </summary>
public sealed class CrashSafetyTests(ITestOutputHelper output)
{
    private const int DefaultSeed = 20_240_611;
    private const int Rounds = 12;
    private const int MinRounds = 4;

    /// <summary>New kill rounds start only within this budget; the final check always runs.</summary>
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(75);

    private static readonly TimeSpan VerifyTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan LoadTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(30);

    [Theory]
    [MemberData(nameof(ServerNames.All), MemberType = typeof(ServerNames))]
    public async Task AcknowledgedWrites_SurviveRepeatedSigkill(string server)
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("ZKCOMPAT_DURABILITY_SEED"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var s)
            ? s
            : DefaultSeed;
        var random = new Random(seed);
        using var run = new DurabilityRun($"crash-{server}", output);
        var acksDir = Path.Combine(run.WorkDir, "acks");
        Directory.CreateDirectory(acksDir);
        run.Note($"seed {seed} (ZKCOMPAT_DURABILITY_SEED)");

        // ZkCompat rolls its log and snapshots every 50-100 txns, so kills land in rolls and snapshot writes.
        // Java 3.8.0 keeps its default (100000): SIGKILLed right after a log roll it leaves a 0-byte
        // log.<zxid> and then refuses to start (EOFException in FileHeader.deserialize), which would end
        // the Java run on Java's own defect rather than check the checker.
        var options = new ServerStartOptions
        {
            DataDir = run.DataDir,
            ExtraConfigLines = server == "zkcompat" ? ["snapCount=100"] : [],
        };

        var clock = Stopwatch.StartNew();
        for (var round = 0; ; round++)
        {
            var last = round >= Rounds || (round >= MinRounds && clock.Elapsed > Budget);
            IServerUnderTest zk;
            try
            {
                zk = await ServerUnderTest.StartAsync(server, options);
            }
            catch (InvalidOperationException e)
            {
                Fail(run, $"round {round}: '{server}' did not start on its own dataDir after a SIGKILL", e.Message);
                return;
            }

            await using (zk)
            {
                string[] args = [zk.ConnectString, "--round", $"{round}", "--seed", $"{seed}", "--acks-dir", acksDir];
                await using var client = ScriptProcess.Start("crash_client.py", last ? [.. args, "--verify-only"] : args);
                if (last)
                {
                    if (!await client.WaitForExitAsync(VerifyTimeout) || client.ExitCode != 0)
                    {
                        Fail(run, $"final check after round {round - 1} failed on '{server}'", client.Describe() + zk.Describe(DurabilityRun.ServerLogChars));
                    }

                    run.Note($"final: {client.Lines().LastOrDefault(l => l.StartsWith("VERIFIED", StringComparison.Ordinal))}");
                    break;
                }

                var loading = await client.WaitForLineAsync(l => l is "LOADING" || l.StartsWith("FAIL", StringComparison.Ordinal), VerifyTimeout);
                if (loading != "LOADING")
                {
                    await client.WaitForExitAsync(ExitTimeout);
                    Fail(run, $"round {round}: the check of earlier rounds failed on '{server}'", client.Describe() + zk.Describe(DurabilityRun.ServerLogChars));
                }

                // A quarter of the kills come almost at once, the rest after up to 900 acknowledgements.
                var killAfter = random.Next(4) == 0 ? random.Next(0, 20) : random.Next(20, 900);
                var seen = 0;
                var trigger = await client.WaitForLineAsync(
                    l => (l.StartsWith("ACK ", StringComparison.Ordinal) && ++seen >= killAfter) || killAfter == 0
                         || l.StartsWith("DONE", StringComparison.Ordinal) || l.StartsWith("FAIL", StringComparison.Ordinal),
                    LoadTimeout);
                await zk.KillAsync();
                var exited = await client.WaitForExitAsync(ExitTimeout);
                var lines = client.Lines();
                var done = lines.LastOrDefault(l => l.StartsWith("DONE", StringComparison.Ordinal));
                if (!exited || client.ExitCode != 0 || done is null)
                {
                    Fail(run, $"round {round}: the load client failed on '{server}'", client.Describe() + zk.Describe(DurabilityRun.ServerLogChars));
                }

                if (trigger is null || trigger.StartsWith("DONE", StringComparison.Ordinal))
                {
                    var why = trigger is null ? $"within {LoadTimeout.TotalSeconds}s" : "before the load ended";
                    Fail(run, $"round {round}: fewer than {killAfter} writes were acknowledged {why}", client.Describe() + zk.Describe(DurabilityRun.ServerLogChars));
                }

                File.WriteAllLines(Path.Combine(acksDir, $"acks-{round}.txt"), lines.Where(l => l.StartsWith("ACK ", StringComparison.Ordinal)));
                run.Note($"round {round}: {lines.FirstOrDefault(l => l.StartsWith("VERIFIED", StringComparison.Ordinal))}; " +
                         $"SIGKILL after {killAfter} acks seen; client {done}; {clock.Elapsed.TotalSeconds:F1}s");
            }
        }

        run.Note($"dataDir at the end: {run.DataFiles("snapshot.").Count} snapshots, {run.DataFiles("log.").Count} logs");
    }

    private static void Fail(DurabilityRun run, string what, string details)
    {
        run.Keep = true;
        Assert.Fail($"{what}\n--- history ---\n{run.History}(dataDir and ack files kept in {run.WorkDir})\n{details}");
    }
}
