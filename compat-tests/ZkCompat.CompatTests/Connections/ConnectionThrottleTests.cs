using System.Net.Sockets;
using ZkCompat.CompatTests.Servers;
using ZkCompat.CompatTests.Support;

namespace ZkCompat.CompatTests.Connections;

/// <summary>
/// Java 3.8.0's connection throttle (BlueThrottle, zookeeper.connection_throttle_*): every
/// ConnectRequest takes a token; one that finds none, or loses BLUE's draw, is closed without a
/// ConnectResponse and counted in connection_rejected, not in connection_request_count. The
/// start-up probe's handshake took a token already; mntr says how many.
/// </summary>
public sealed class ConnectionThrottleTests
{
    /// <summary>No refill within a test: one fill takes ten minutes.</summary>
    private const string NoRefill = "connection_throttle_fill_time=600000";

    [Theory]
    [MemberData(nameof(ServerNames.All), MemberType = typeof(ServerNames))]
    public async Task ConnectBeyondTheTokens_IsClosedUnanswered_AndCounted(string server)
    {
        var options = new ServerStartOptions { ExtraConfigLines = ["connection_throttle_tokens=3", NoRefill, "4lw.commands.whitelist=*"] };
        await using var zk = await ServerUnderTest.StartAsync(server, options);
        var taken = (await Mntr.ReadAsync(zk.Host, zk.Port)).Long("connection_request_count");
        Assert.InRange(taken, 1, 2);

        var admitted = new List<RawZkClient>();
        for (var i = taken; i < 3; i++)
            admitted.Add((await RawZkClient.HandshakeAsync(zk.Host, zk.Port)).Client);
        using var refused = await RawZkClient.OpenAsync(zk.Host, zk.Port);
        await refused.SendAsync(Jute.Frame(Jute.ConnectRequest(withReadOnlyByte: true)));
        var seen = await refused.ReadUntilClosedAsync();

        Assert.True(seen.Closed && seen.Received.Length == 0, $"'{server}': the connect after the last token saw {seen}\n{zk.Describe(5_000)}");
        var mntr = await Mntr.ReadAsync(zk.Host, zk.Port);
        Assert.Equal(
            (1L, 3L, 3L, 3L, 0.0),
            (mntr.Long("connection_rejected"), mntr.Long("connection_request_count"), mntr.Long("cnt_connection_token_deficit"),
                mntr.Long("max_connection_token_deficit"), mntr.Double("connection_drop_probability")));
        admitted.ForEach(c => c.Dispose());
    }

    /// <summary>
    /// BLUE with a freeze time of 0 and a drop increase of 1: the first check that finds the bucket
    /// empty a millisecond or more after the last raises the drop chance to 1, and from then on
    /// every connect loses the draw.
    /// </summary>
    [Theory]
    [MemberData(nameof(ServerNames.All), MemberType = typeof(ServerNames))]
    public async Task Blue_RaisesTheDropChanceToOne_WhenTheBucketIsEmpty(string server)
    {
        var options = new ServerStartOptions
        {
            ExtraConfigLines =
            [
                "connection_throttle_tokens=2", NoRefill, "connection_throttle_freeze_time=0",
                "connection_throttle_drop_increase=1", "4lw.commands.whitelist=*",
            ],
        };
        await using var zk = await ServerUnderTest.StartAsync(server, options);
        var taken = (await Mntr.ReadAsync(zk.Host, zk.Port)).Long("connection_request_count");

        var (admitted, refusals, mntr) = (0L, 0, await Mntr.ReadAsync(zk.Host, zk.Port));
        for (var attempt = 0; attempt < 20 && mntr.Double("connection_drop_probability") < 1; attempt++)
        {
            if (await TryHandshakeAsync(zk))
                admitted++;
            else
                refusals++;
            mntr = await Mntr.ReadAsync(zk.Host, zk.Port);
        }

        Assert.Equal(2 - taken, admitted);
        Assert.Equal(1.0, mntr.Double("connection_drop_probability"));
        Assert.Equal(refusals, mntr.Long("connection_rejected"));
        Assert.False(await TryHandshakeAsync(zk), $"'{server}': a connect got through a drop chance of 1");
    }

    private static async Task<bool> TryHandshakeAsync(IServerUnderTest zk)
    {
        try
        {
            (await RawZkClient.HandshakeAsync(zk.Host, zk.Port)).Client.Dispose();
            return true;
        }
        catch (Exception e) when (e is EndOfStreamException or SocketException)
        {
            return false;
        }
    }
}
