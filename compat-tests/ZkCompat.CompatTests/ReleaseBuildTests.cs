namespace ZkCompat.CompatTests;

/// <summary>
/// The release build (NativeAOT: trimmed, no JIT, no reflection at run time) serves a real client
/// exactly as the JIT build the other tests start: kazoo's basic script, and the version line.
/// </summary>
public sealed class ReleaseBuildTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    [Fact]
    public Task KazooBasicScript_AllChecksPass() =>
        ClientScenario.RunAsync(
            "zkcompat-release",
            "/usr/bin/python3",
            "kazoo_basic.py",
            zk =>
            [
                zk.ConnectString,
                "--min-session-ms", $"{zk.Settings.MinSessionTimeoutMs}",
                "--max-session-ms", $"{zk.Settings.MaxSessionTimeoutMs}",
            ],
            Timeout);
}
