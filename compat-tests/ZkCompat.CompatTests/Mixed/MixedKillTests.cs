using System.Globalization;
using Xunit.Abstractions;
using ZkCompat.CompatTests.Durability;
using ZkCompat.CompatTests.Ensemble;
using ZkCompat.CompatTests.Servers;

namespace ZkCompat.CompatTests.Mixed;

/// <summary>
/// SIGKILL under a kazoo write load in a mixed ensemble, of each kind: the Java leader (a ZkCompat
/// member may take over), then a ZkCompat follower, each restarted on its dataDir. Writes must go on
/// after each kill, and every acknowledged write must be on every member, with identical trees.
/// (The Ensemble rows kill the leader, which there is a ZkCompat member in both mixed kinds.)
/// </summary>
[Collection(SerialEnsembles.Name)]
public sealed class MixedKillTests(ITestOutputHelper output)
{
    private const string Script = "ensemble/ensemble_client.py";
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task JavaLeaderThenZkCompatFollower_SigkilledUnderWrites_EveryAcknowledgedWriteIsOnEveryMember()
    {
        await using var ensemble = await EnsembleUnderTest.StartAsync(
            [MemberSpec.Participant("zkcompat"), MemberSpec.Participant("java"), MemberSpec.Participant("java"), MemberSpec.Observer("zkcompat")]);
        var stopFile = Path.Combine(Path.GetTempPath(), $"zkcompat-mixed-kill-stop-{Guid.NewGuid():N}");
        try
        {
            await using var load = ScriptProcess.StartClient(Script, ["load", ensemble.ConnectString, "/kills", "--stop-file", stopFile]);
            await AckAfterAsync(ensemble, load, Now(), "the load to start");

            var leader = await ensemble.LeaderAsync();
            if (leader.Server != "java")
            {
                EnsembleChecks.Fail(ensemble, $"the leader is {leader}, not a Java member: the sid steering did not hold", "");
            }

            await KillAndRestartAsync(ensemble, load, leader);
            await KillAndRestartAsync(ensemble, load, ensemble.Members[0]);

            await File.WriteAllTextAsync(stopFile, "stop\n");
            if (!await load.WaitForExitAsync(Bound) || load.ExitCode != 0)
            {
                EnsembleChecks.Fail(ensemble, "the write load did not end cleanly", load.Describe());
            }

            var acked = load.Lines().Where(l => l.StartsWith("ACK ", StringComparison.Ordinal)).Select(l => l.Split(' ')[1]).ToList();
            output.WriteLine($"load: {load.Lines().LastOrDefault(l => l.StartsWith("DONE", StringComparison.Ordinal))}");
            await EnsembleChecks.EveryMemberHasAsync(ensemble, acked, output);
        }
        finally
        {
            File.Delete(stopFile);
        }
    }

    private async Task KillAndRestartAsync(EnsembleUnderTest ensemble, ScriptProcess load, EnsembleMember member)
    {
        await ensemble.KillAsync(member);
        var killed = Now();
        var status = await ensemble.WaitForQuorumAsync(Bound);
        await AckAfterAsync(ensemble, load, killed, $"a write after SIGKILL of {member}");
        var restarted = await ensemble.RestartAsync(member);
        await AckAfterAsync(ensemble, load, Now(), $"a write after {member} rejoined");
        output.WriteLine($"SIGKILL {member}: then {status}; restarted: {restarted}");
    }

    private static async Task AckAfterAsync(EnsembleUnderTest ensemble, ScriptProcess load, long afterMs, string what)
    {
        if (await load.WaitForLineAsync(l => l.StartsWith("ACK ", StringComparison.Ordinal) && long.Parse(l.Split(' ')[2], CultureInfo.InvariantCulture) > afterMs, Bound) is null)
        {
            EnsembleChecks.Fail(ensemble, $"no {what} within {Bound.TotalSeconds}s", load.Describe());
        }
    }

    private static long Now() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
}
