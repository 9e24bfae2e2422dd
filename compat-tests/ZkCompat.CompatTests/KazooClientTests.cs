namespace ZkCompat.CompatTests;

/// <summary>kazoo (Python) exercises CRUD, Stat, ephemerals, sequentials, errors, watches, multi and expiry.</summary>
public sealed class KazooClientTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    [Theory]
    [MemberData(nameof(ServerNames.All), MemberType = typeof(ServerNames))]
    public Task BasicScript_AllChecksPass(string server) =>
        ClientScenario.RunAsync(
            server,
            "/usr/bin/python3", // Debian's python3-kazoo lives here, not in a pyenv on PATH.
            "kazoo_basic.py",
            zk =>
            [
                zk.ConnectString,
                "--min-session-ms", $"{zk.Settings.MinSessionTimeoutMs}",
                "--max-session-ms", $"{zk.Settings.MaxSessionTimeoutMs}",
            ],
            Timeout);
}
