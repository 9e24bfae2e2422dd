using System.Net;
using System.Net.Sockets;

namespace ZkCompat.Testing.Tests;

/// <summary>The test server's promises, checked with kazoo, a real and independent ZooKeeper client.</summary>
public class ZkTestServerTests
{
    [Fact]
    public async Task StartAsync_ServesAKazooClient()
    {
        await using var zk = await ZkTestServer.StartAsync();
        await using var kazoo = KazooProcess.Start("roundtrip", zk.ConnectString);

        Assert.Equal("DATA hello", await kazoo.ReadLineAsync());
        Assert.StartsWith("SESSION ", await kazoo.ReadLineAsync());
        Assert.StartsWith("127.0.0.1:", zk.ConnectString, StringComparison.Ordinal);
        Assert.NotEqual(0, zk.Port);
    }

    [Fact]
    public async Task ExpireSessionAsync_ClientSeesItsSessionExpire_AndItsEphemeralGoes()
    {
        await using var zk = await ZkTestServer.StartAsync();
        await using var kazoo = KazooProcess.Start("expire", zk.ConnectString);
        var session = Convert.ToInt64((await kazoo.ReadLineAsync())["SESSION ".Length..], 16);

        Assert.Contains(session, await zk.GetSessionIdsAsync());
        Assert.True(await zk.ExpireSessionAsync(session));
        await kazoo.ContinueAsync();

        Assert.Equal("LOST", await kazoo.ReadLineAsync());
        Assert.Equal("EPHEMERAL_GONE", await kazoo.ReadLineAsync());
        Assert.DoesNotContain(session, await zk.GetSessionIdsAsync());
    }

    [Fact]
    public async Task ExpireSessionAsync_UnknownSession_ReturnsFalse()
    {
        await using var zk = await ZkTestServer.StartAsync();

        Assert.False(await zk.ExpireSessionAsync(0x1234));
    }

    [Fact]
    public async Task RestartAsync_KeepsDataPortAndSession()
    {
        await using var zk = await ZkTestServer.StartAsync();
        var connectString = zk.ConnectString;
        await using var kazoo = KazooProcess.Start("resume", zk.ConnectString);
        Assert.StartsWith("SESSION ", await kazoo.ReadLineAsync());

        await zk.RestartAsync();
        await kazoo.ContinueAsync();

        Assert.Equal(connectString, zk.ConnectString);
        Assert.Equal("DATA kept", await kazoo.ReadLineAsync());
        Assert.Equal("SAME_SESSION", await kazoo.ReadLineAsync());
    }

    [Fact]
    public async Task StopAsync_RefusesConnections_UntilRestart()
    {
        await using var zk = await ZkTestServer.StartAsync();

        await zk.StopAsync();
        Assert.False(zk.IsRunning);
        await Assert.ThrowsAsync<SocketException>(() => ConnectAsync(zk.Port));
        await zk.RestartAsync();

        Assert.Equal("imok", await zk.FourLetterWordAsync("ruok"));
    }

    [Fact]
    public async Task DisposeAsync_ReleasesThePortAndTheTemporaryDataDir()
    {
        var zk = await ZkTestServer.StartAsync();
        var dataDir = zk.DataDir;
        Assert.True(Directory.Exists(Path.Combine(dataDir, "version-2")));

        await zk.DisposeAsync();

        await Assert.ThrowsAsync<SocketException>(() => ConnectAsync(zk.Port));
        Assert.False(Directory.Exists(dataDir));
    }

    [Fact]
    public async Task StartAsync_TwoServers_EachHaveTheirOwnPorts()
    {
        await using var one = await ZkTestServer.StartAsync(new ZkTestServerOptions { Metrics = true });
        await using var two = await ZkTestServer.StartAsync(new ZkTestServerOptions { Metrics = true });

        Assert.NotEqual(one.Port, two.Port);
        Assert.NotEqual(one.AdminUri, two.AdminUri);
        Assert.NotEqual(one.MetricsUri, two.MetricsUri);
    }

    [Fact]
    public async Task StartAsync_GivenDataDir_KeepsItAfterDispose()
    {
        var dir = Directory.CreateTempSubdirectory("zkcompat-testing-kept-").FullName;
        try
        {
            await using (var zk = await ZkTestServer.StartAsync(new ZkTestServerOptions { DataDir = dir }))
                Assert.Equal(dir, zk.DataDir);

            Assert.NotEmpty(Directory.GetFiles(Path.Combine(dir, "version-2")));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static async Task ConnectAsync(int port)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port));
    }
}
