using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Xunit.Abstractions;
using ZkCompat.CompatTests.Durability;
using ZkCompat.CompatTests.Servers;

namespace ZkCompat.CompatTests.Ensemble;

/// <summary>
/// A session connected to one follower only holds an ephemeral; the follower is SIGKILLed. The session is
/// global: it must outlive its member (the ephemeral is still on every other member right after the kill),
/// and the leader must expire it after the session timeout, so the ephemeral vanishes on every member that
/// is up, and is absent on the killed member once it has restarted and rejoined.
/// </summary>
[Collection(SerialEnsembles.Name)]
public sealed class EphemeralExpiryTests(ITestOutputHelper output)
{
    private const string Script = "ensemble/ensemble_client.py";
    private const int SessionTimeoutMs = 6_000;
    private const int LogChars = 8_000;

    /// <summary>
    /// The session was last touched at most a client ping interval (a third of the timeout for kazoo) and a
    /// tick before the kill, so it cannot expire sooner than this after it.
    /// </summary>
    private static readonly TimeSpan EarliestExpiry = TimeSpan.FromMilliseconds(SessionTimeoutMs / 2);

    /// <summary>The leader checks expiries every tick; the margin is for a busy machine.</summary>
    private static readonly TimeSpan LatestExpiry = TimeSpan.FromMilliseconds(SessionTimeoutMs + 5_000);

    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromSeconds(40);

    [Theory]
    [MemberData(nameof(EnsembleKinds.JavaOnly), MemberType = typeof(EnsembleKinds))]
    [MemberData(nameof(EnsembleKinds.WithZkCompat), MemberType = typeof(EnsembleKinds), Skip = EnsembleKinds.SkipUntilZkCompatQuorum)]
    public async Task MemberOfTheSessionSigkilled_EphemeralVanishesEverywhereAfterTheSessionTimeout(string kind)
    {
        await using var ensemble = await EnsembleUnderTest.StartAsync(EnsembleKinds.Members(kind));
        var status = await ensemble.WaitForQuorumAsync();
        // A follower: its death costs no election, so only the session timeout can end the session.
        var member = status.InMode("follower")[0];
        var path = $"/expiry-{Guid.NewGuid():N}/held";
        await using var holder = ScriptProcess.StartClient(Script, ["hold", member.ConnectString, path, "--timeout-ms", $"{SessionTimeoutMs}"]);
        var ready = await holder.WaitForLineAsync(l => l.StartsWith("READY", StringComparison.Ordinal) || l.StartsWith("FAIL", StringComparison.Ordinal), ScriptTimeout);
        if (ready is null || !ready.StartsWith("READY", StringComparison.Ordinal))
        {
            Fail(ensemble, $"the holder did not create {path} through {member}", holder.Describe());
        }

        var killMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await ensemble.KillAsync(member);
        var others = ensemble.Members.Where(m => !m.IsDown).ToList();
        await using var watch = ScriptProcess.StartClient(
            Script, ["wait-gone", path, "--timeout-s", $"{LatestExpiry.TotalSeconds}", .. others.Select(m => m.ConnectString)]);
        var watched = await watch.WaitForExitAsync(ScriptTimeout);
        var lines = watch.Lines();
        output.WriteLine($"session {ready} through {member}, killed at {killMs}:\n{string.Join('\n', lines)}");
        if (!watched || watch.ExitCode != 0)
        {
            Fail(ensemble, $"{path} did not vanish from every other member within {LatestExpiry.TotalSeconds}s of the kill", watch.Describe());
        }

        foreach (var other in others)
        {
            Assert.Contains($"PRESENT {other.ConnectString}", lines);
            var gone = lines.Single(l => l.StartsWith($"GONE {other.ConnectString} ", StringComparison.Ordinal));
            var afterKill = TimeSpan.FromMilliseconds(long.Parse(gone.Split(' ')[2], CultureInfo.InvariantCulture) - killMs);
            Assert.True(afterKill >= EarliestExpiry, $"{path} vanished from {other} {afterKill.TotalMilliseconds:F0} ms after the kill, before the session could expire");
        }

        await holder.KillAsync();
        await ensemble.RestartAsync(member);
        await using var rejoined = ScriptProcess.StartClient(Script, ["wait-gone", path, "--timeout-s", "5", member.ConnectString]);
        var clean = await rejoined.WaitForExitAsync(ScriptTimeout);
        output.WriteLine($"{member} after its restart: {string.Join(' ', rejoined.Lines())}");
        Assert.True(clean && rejoined.ExitCode == 0, $"{path} stays on {member} after it rejoined\n{rejoined.Describe()}");
    }

    [DoesNotReturn]
    private static void Fail(EnsembleUnderTest ensemble, string what, string details)
    {
        ensemble.Keep = true;
        Assert.Fail($"{what}\n{details}\n{ensemble.Describe(LogChars)}");
    }
}
