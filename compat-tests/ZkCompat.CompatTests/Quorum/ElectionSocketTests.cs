using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Xunit.Abstractions;
using ZkCompat.CompatTests.Ensemble;
using ZkCompat.CompatTests.Servers;
using ZkCompat.CompatTests.Support;

namespace ZkCompat.CompatTests.Quorum;

/// <summary>
/// The election sockets as Java 3.8.0's QuorumCnxManager sets them up, side by side:
/// zookeeper.cnxTimeout bounds dialling a peer's election port; zookeeper.tcpKeepAlive sets
/// SO_KEEPALIVE on every election connection (both ends) and on nothing else of the quorum.
/// </summary>
[Collection(SerialEnsembles.Name)]
public sealed class ElectionSocketTests(ITestOutputHelper output) : IDisposable
{
    private const int CnxTimeoutMs = 1500;
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);
    private readonly List<string> _dataDirs = [];

    /// <summary>
    /// Server 1 of three starts alone; servers 2 and 3 are listeners whose backlog is full, so its
    /// dials get no answer at all. The first "Cannot open channel" comes cnxTimeout after the
    /// election starts (Java's default, 5 s, would be well outside the range).
    /// </summary>
    [Theory]
    [InlineData("java")]
    [InlineData("zkcompat")]
    public async Task CnxTimeout_BoundsADialThePeerNeverAnswers(string server)
    {
        var (silent2, held2) = SilentListener();
        var (silent3, held3) = SilentListener();
        using var listener2 = silent2;
        using var listener3 = silent3;
        using var queued2 = held2;
        using var queued3 = held3;
        var ports = FreePort.Several(5);
        string[] lines =
        [
            "initLimit=10", "syncLimit=5", $"cnxTimeout={CnxTimeoutMs}",
            $"server.1=127.0.0.1:{ports[1]}:{ports[2]}",
            $"server.2=127.0.0.1:{ports[3]}:{Port(silent2)}",
            $"server.3=127.0.0.1:{ports[4]}:{Port(silent3)}",
        ];
        await using var member = ServerProcess.Start(ServerUnderTest.Launcher(server), ServerSettings.Default, ports[0], new() { DataDir = DataDirWithMyId(1), ExtraConfigLines = lines });
        // What each logs as its election begins, right before it dials the others.
        var startText = server == "java" ? "New election. My id = 1" : "and quorum port";

        var (start, gaveUp) = await LinesAsync(member, startText, "Cannot open channel to");

        Assert.True(start is not null && gaveUp is not null, $"no '{startText}' or no 'Cannot open channel to' within {Bound}\n{member.Describe(8000)}");
        var waitedMs = (LoggedAt(gaveUp) - LoggedAt(start)).TotalMilliseconds;
        output.WriteLine($"{server}: {waitedMs} ms from '{start}' to '{gaveUp}'");
        Assert.InRange(waitedMs, CnxTimeoutMs - 100, CnxTimeoutMs + 1500);
    }

    /// <summary>
    /// A (Java, ZkCompat, Java) ensemble: each election connection has a Java end, two have a
    /// ZkCompat end. With tcpKeepAlive=true every end has its keepalive timer; without, none has.
    /// The learners' quorum connections never have it.
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task TcpKeepAlive_IsOnEveryElectionConnection_AndOnlyThere(bool keepAlive)
    {
        await using var ensemble = await EnsembleUnderTest.StartAsync(
            [MemberSpec.Participant("java"), MemberSpec.Participant("zkcompat"), MemberSpec.Participant("java")],
            keepAlive ? ["tcpKeepAlive=true"] : []);
        var electionPorts = ensemble.Members.Select(m => m.ElectionPort).ToHashSet();
        var quorumPorts = ensemble.Members.Select(m => m.QuorumPort).ToHashSet();

        // Three members: three election connections, six ends; two learners: four quorum ends. Idle, once settled.
        var election = await SettledAsync(electionPorts, 6);
        var quorum = await SettledAsync(quorumPorts, 4);
        output.WriteLine($"election ends: {string.Join(", ", election)}; quorum ends: {string.Join(", ", quorum)}");

        Assert.All(election, end => Assert.Equal(keepAlive ? ProcNetTcp.KeepAliveTimer : 0, end.Timer));
        Assert.All(quorum, end => Assert.NotEqual(ProcNetTcp.KeepAliveTimer, end.Timer));
    }

    public void Dispose()
    {
        foreach (var dir in _dataDirs)
            Directory.Delete(dir, recursive: true);
    }

    /// <summary>The established ends touching <paramref name="ports"/>, once there are <paramref name="count"/> and none is retransmitting.</summary>
    private static async Task<List<ProcNetTcp>> SettledAsync(HashSet<int> ports, int count)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var ends = ProcNetTcp.Read().Where(s => s.Established && (ports.Contains(s.LocalPort) || ports.Contains(s.RemotePort))).ToList();
            if ((ends.Count == count && ends.All(e => e.Timer != ProcNetTcp.RetransmitTimer)) || clock.Elapsed > Bound)
            {
                Assert.True(ends.Count == count, $"expected {count} established ends on ports {string.Join(",", ports)}: {string.Join(", ", ends)}");
                return ends;
            }

            await Task.Delay(50);
        }
    }

    private static async Task<(string? First, string? Second)> LinesAsync(ServerProcess member, string first, string second)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.Elapsed < Bound && !member.HasExited)
        {
            if (member.FirstLogLine(first) is { } a && member.FirstLogLine(second) is { } b)
                return (a, b);
            await Task.Delay(20);
        }

        return (member.FirstLogLine(first), member.FirstLogLine(second));
    }

    /// <summary>Both servers start a line with the time to the millisecond (Java: "2026-12-07 18:23:11,534").</summary>
    private static DateTime LoggedAt(string line) =>
        DateTime.ParseExact(line[..23].Replace(',', '.'), "yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture);

    /// <summary>A listener whose one-place backlog is taken by the held connection: further SYNs are dropped.</summary>
    private static (Socket Listener, Socket Held) SilentListener()
    {
        var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(0);
        var held = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        held.Connect(listener.LocalEndPoint!);
        return (listener, held);
    }

    private static int Port(Socket socket) => ((IPEndPoint)socket.LocalEndPoint!).Port;

    private string DataDirWithMyId(int id)
    {
        var dir = Directory.CreateTempSubdirectory("zkcompat-quorum-").FullName;
        _dataDirs.Add(dir);
        File.WriteAllText(Path.Combine(dir, "myid"), $"{id}\n");
        return dir;
    }
}
