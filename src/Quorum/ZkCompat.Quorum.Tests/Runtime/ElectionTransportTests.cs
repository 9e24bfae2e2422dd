using System.Net;
using System.Net.Sockets;
using ZkCompat.Protocol.Quorum;
using ZkCompat.Quorum.Config;
using ZkCompat.Quorum.Runtime;

namespace ZkCompat.Quorum.Tests.Runtime;

/// <summary>
/// Election sockets as Java's QuorumCnxManager sets them up: zookeeper.cnxTimeout bounds dialling a
/// peer, zookeeper.tcpKeepAlive sets SO_KEEPALIVE on dialled and accepted connections alike.
/// Real loopback sockets, port 0.
/// </summary>
public sealed class ElectionTransportTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task DialToAPeerThatNeverAnswers_GivesUpAfterCnxTimeout()
    {
        // A listener whose backlog is full drops new SYNs: the connect neither succeeds nor fails.
        using var silent = Listen(backlog: 0);
        using var queued = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await queued.ConnectAsync((IPEndPoint)silent.LocalEndPoint!);
        using var election = Listen(backlog: 16);
        var logger = new ListLogger();
        var config = Config(myId: 1, election, (2, Port(silent))) with { ElectionConnectTimeoutMs = 300 };
        await using var transport = new ElectionTransport(config, election, (_, _) => { }, logger);
        transport.Start();

        var sent = logger.Now;
        transport.Send(2, Vote());
        var gaveUp = await logger.WaitForAsync("connect timed out after 300 ms", Bound);

        Assert.NotNull(gaveUp);
        // Well under Java's default of 5 s; not before the 300 ms (a little slack for timer granularity).
        Assert.InRange((gaveUp.Value - sent).TotalMilliseconds, 250, 3000);
        Assert.Contains(logger.Lines, l => l.Line.StartsWith($"Cannot open channel to 2 at election address 127.0.0.1:{Port(silent)}", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task TcpKeepAlive_IsOnBothEndsOfAnElectionConnection_OnlyWhenSet(bool keepAlive)
    {
        using var listener1 = Listen(backlog: 16);
        using var listener2 = Listen(backlog: 16);
        var members = new[] { (1L, Port(listener1)), (2L, Port(listener2)) };
        var heard = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var one = new ElectionTransport(Config(1, listener1, members) with { TcpKeepAlive = keepAlive }, listener1, (_, _) => { }, new ListLogger());
        await using var two = new ElectionTransport(Config(2, listener2, members) with { TcpKeepAlive = keepAlive }, listener2, (_, _) => heard.TrySetResult(), new ListLogger());
        one.Start();
        two.Start();

        // Server 1 dials 2, which drops that and dials back (§10.1): 2 dialled, 1 accepted, and 1's
        // vote arrives over it once 1 has taken the connection (its socket options set).
        one.Send(2, Vote());
        await heard.Task.WaitAsync(Bound);
        var ends = await SettledEndsAsync(Port(listener1));

        Assert.All(ends, end => Assert.Equal(keepAlive ? ProcNetTcp.KeepAliveTimer : 0, end.Timer));
    }

    /// <summary>Both ends of the established connection to <paramref name="port"/> once no data is in flight.</summary>
    private static async Task<List<ProcNetTcp>> SettledEndsAsync(int port)
    {
        var deadline = DateTime.UtcNow + Bound;
        while (DateTime.UtcNow < deadline)
        {
            var sockets = ProcNetTcp.Read().Where(s => s.Established).ToList();
            if (sockets.FirstOrDefault(s => s.LocalPort == port) is { } accepted
                && sockets.FirstOrDefault(s => s.LocalPort == accepted.RemotePort && s.RemotePort == port) is { } dialled
                && accepted.Timer != 1 && dialled.Timer != 1)
            {
                return [accepted, dialled];
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"no settled election connection to port {port} within {Bound}: " + string.Join("; ", ProcNetTcp.Read().Where(s => s.LocalPort == port || s.RemotePort == port)));
    }

    private static QuorumConfig Config(long myId, Socket election, params (long Sid, int Port)[] others) => new()
    {
        MyId = myId,
        Members = [.. others.Where(o => o.Sid != myId).Append((myId, Port(election))).OrderBy(m => m.Item1)
            .Select(m => new QuorumMember(m.Item1, "127.0.0.1", 1, m.Item2, false))],
        TickTimeMs = 100,
    };

    private static Notification Vote() => new(PeerState.Looking, 1, 0, 1, 1, 2, []);

    private static Socket Listen(int backlog)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        socket.Listen(backlog);
        return socket;
    }

    private static int Port(Socket socket) => ((IPEndPoint)socket.LocalEndPoint!).Port;
}
