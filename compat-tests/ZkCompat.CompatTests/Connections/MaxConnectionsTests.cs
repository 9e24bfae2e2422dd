using System.Net.Sockets;
using ZkCompat.CompatTests.Servers;
using ZkCompat.CompatTests.Support;

namespace ZkCompat.CompatTests.Connections;

/// <summary>
/// maxCnxns (zookeeper.maxCnxns): client connections in all. Java 3.8.0's accept thread closes the
/// one over the limit at once (a FIN, then a reset), before it reads a byte, and counts it in
/// connection_rejected; the slot is free again once a connection ends.
/// </summary>
public sealed class MaxConnectionsTests
{
    private static readonly TimeSpan s_admitBound = TimeSpan.FromSeconds(10);

    [Theory]
    [MemberData(nameof(ServerNames.All), MemberType = typeof(ServerNames))]
    public async Task ConnectionOverTheLimit_IsClosedUnanswered_AndCounted(string server)
    {
        var options = new ServerStartOptions { ExtraConfigLines = ["maxCnxns=2", "4lw.commands.whitelist=*"] };
        await using var zk = await ServerUnderTest.StartAsync(server, options);

        var first = await HandshakeWhenAdmittedAsync(zk);
        using (var second = await HandshakeWhenAdmittedAsync(zk))
        {
            using var third = await RawZkClient.OpenAsync(zk.Host, zk.Port);
            await third.SendAsync(Jute.Frame(Jute.ConnectRequest(withReadOnlyByte: true)));
            var seen = await third.ReadUntilClosedAsync();

            Assert.True(seen.Closed && seen.Received.Length == 0, $"'{server}': the connection over maxCnxns=2 saw {seen}\n{zk.Describe(5_000)}");
        }

        // Both slots free again: mntr's own connection gets in.
        first.Dispose();
        var mntr = await ReadMntrWhenAdmittedAsync(zk);
        Assert.True(mntr.Long("connection_rejected") >= 1, $"'{server}': connection_rejected\n{mntr}");
    }

    [Theory]
    [MemberData(nameof(ServerNames.All), MemberType = typeof(ServerNames))]
    public async Task Kazoo_OverTheLimit_GetsNoSession_UntilASlotFrees(string server)
    {
        await using var zk = await ServerUnderTest.StartAsync(server, new ServerStartOptions { ExtraConfigLines = ["maxCnxns=2"] });

        var run = await ClientRun.StartAsync("/usr/bin/python3", "kazoo_connection_limit.py", [zk.ConnectString, "2"], TimeSpan.FromMinutes(2));

        Assert.True(run.Passed, $"kazoo_connection_limit.py against '{server}': {run.Describe()}\n{run.Output}\n{zk.Describe(20_000)}");
    }

    /// <summary>
    /// A handshake, tried again while the server still counts a connection that just ended (the
    /// start-up probe's, or one the test closed): the close reaches it a moment later.
    /// </summary>
    private static async Task<RawZkClient> HandshakeWhenAdmittedAsync(IServerUnderTest zk)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return (await RawZkClient.HandshakeAsync(zk.Host, zk.Port)).Client;
            }
            catch (Exception e) when (e is IOException or SocketException && clock.Elapsed < s_admitBound)
            {
                await Task.Delay(50);
            }
        }
    }

    private static async Task<Mntr> ReadMntrWhenAdmittedAsync(IServerUnderTest zk)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return await Mntr.ReadAsync(zk.Host, zk.Port);
            }
            catch (Exception e) when (e is SocketException or InvalidDataException or OperationCanceledException && clock.Elapsed < s_admitBound)
            {
                await Task.Delay(50);
            }
        }
    }
}
