using ZkCompat.CompatTests.Servers;

namespace ZkCompat.CompatTests.Connections;

/// <summary>
/// Values Java 3.8.0 cannot start with: clientPortListenBacklog is Integer.parseInt'd by
/// QuorumPeerConfig, and the throttle's doubles by Double.parseDouble in BlueThrottle's static
/// initializer. Both servers exit, with an error, before they serve.
/// </summary>
public sealed class BadConnectionKeysTests
{
    private static readonly TimeSpan s_exitBound = TimeSpan.FromSeconds(60);

    public static TheoryData<string, string> Cases => new()
    {
        { "java", "clientPortListenBacklog=lots" },
        { "zkcompat", "clientPortListenBacklog=lots" },
        { "java", "connection_throttle_drop_increase=abc" },
        { "zkcompat", "connection_throttle_drop_increase=abc" },
        { "java", "connection_throttle_decrease_ratio=1,5" },
        { "zkcompat", "connection_throttle_decrease_ratio=1,5" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task UnreadableValue_StopsTheStart(string server, string line)
    {
        var options = new ServerStartOptions { ExtraConfigLines = [line] };
        await using var zk = ServerProcess.Start(ServerUnderTest.Launcher(server), ServerSettings.Default, Support.FreePort.Next(), options);

        var exitCode = await zk.WaitForExitAsync(s_exitBound);

        Assert.True(exitCode is not null and not 0, $"'{server}' with {line}: exit code {exitCode?.ToString() ?? "none (still running)"}\n{zk.Describe(10_000)}");
        if (server == "zkcompat")
            Assert.True(zk.LogCount(line.Split('=')[0]) > 0, $"the error should name the key:\n{zk.Describe(10_000)}");
    }
}
