using ZkCompat.CompatTests.Servers;
using ZkCompat.CompatTests.Support;

namespace ZkCompat.CompatTests.Connections;

/// <summary>
/// What the client port's sockets carry, as the kernel shows them (<c>ss</c>):
/// clientPortListenBacklog is the listen backlog, below 1 Java's 50; clientTcpKeepAlive
/// (zookeeper.clientTcpKeepAlive) puts SO_KEEPALIVE on every accepted client socket.
/// </summary>
public sealed class ClientSocketTests
{
    public static TheoryData<string, string?, int> Backlogs => new()
    {
        { "java", null, 50 },
        { "zkcompat", null, 50 },
        { "java", "7", 7 },
        { "zkcompat", "7", 7 },
        { "java", "0", 50 },
        { "zkcompat", "0", 50 },
    };

    public static TheoryData<string, string?, bool> KeepAlives => new()
    {
        { "java", "true", true },
        { "zkcompat", "true", true },
        { "java", null, false },
        { "zkcompat", null, false },
        { "java", "yes", false },
        { "zkcompat", "yes", false },
    };

    [Theory]
    [MemberData(nameof(Backlogs))]
    public async Task ListenBacklog_IsTheConfiguredOne(string server, string? value, int backlog)
    {
        string[] lines = value is null ? ["4lw.commands.whitelist=conf"] : ["4lw.commands.whitelist=conf", $"clientPortListenBacklog={value}"];
        await using var zk = await ServerUnderTest.StartAsync(server, new ServerStartOptions { ExtraConfigLines = lines });

        Assert.Equal(backlog, await SocketTable.ListenBacklogAsync(zk.Port));
        // conf reports the value as written (-1 when unset), not the backlog in effect.
        var conf = await FourLetterWord.AskAsync(zk.Host, zk.Port, "conf");
        Assert.Contains($"clientPortListenBacklog={value ?? "-1"}\n", conf, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(KeepAlives))]
    public async Task ClientTcpKeepAlive_IsOnAcceptedSockets(string server, string? value, bool keepAlive)
    {
        var options = new ServerStartOptions { ExtraConfigLines = value is null ? [] : [$"clientTcpKeepAlive={value}"] };
        await using var zk = await ServerUnderTest.StartAsync(server, options);

        await AssertKeepAliveAsync(zk, keepAlive);
    }

    [Theory]
    [MemberData(nameof(ServerNames.All), MemberType = typeof(ServerNames))]
    public async Task ClientTcpKeepAlive_AsASystemProperty_IsOnAcceptedSockets(string server)
    {
        var options = new ServerStartOptions { SystemProperties = new Dictionary<string, string> { ["zookeeper.clientTcpKeepAlive"] = "true" } };
        await using var zk = await ServerUnderTest.StartAsync(server, options);

        await AssertKeepAliveAsync(zk, keepAlive: true);
    }

    /// <summary>Holds a session open and reads the server's side of every established connection: all with a keepalive timer, or none.</summary>
    private static async Task AssertKeepAliveAsync(IServerUnderTest zk, bool keepAlive)
    {
        var (client, _) = await RawZkClient.HandshakeAsync(zk.Host, zk.Port);
        using (client)
        {
            var sockets = await SocketTable.ServerConnectionsAsync(zk.Port);

            Assert.True(
                sockets.Count > 0 && sockets.TrueForAll(s => s.Contains("timer:(keepalive", StringComparison.Ordinal) == keepAlive),
                $"'{zk.Name}' should{(keepAlive ? "" : " not")} keep alive its client sockets; ss -tno shows:\n{string.Join('\n', sockets)}");
        }
    }
}
