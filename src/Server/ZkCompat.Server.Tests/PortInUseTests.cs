using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using ZkCompat.Server.Options;
using ZkCompat.Server.Tests.Support;

namespace ZkCompat.Server.Tests;

/// <summary>
/// A second server on a port in use fails to start, as Java does, and before it touches the data
/// directory. (.NET's ReuseAddress turns on SO_REUSEPORT, under which both would listen and the
/// kernel would split the clients between them.)
/// </summary>
public class PortInUseTests
{
    [Fact]
    public async Task SecondServer_OnTheSameClientPort_FailsBeforeWritingToTheDataDirectory()
    {
        using var dir = new TempDir();
        await using var first = StandaloneServer.Start(Options(dir, 0), NullLoggerFactory.Instance);
        // The startup snapshot is written while the first server already serves.
        Assert.True(SpinWait.SpinUntil(StartupSnapshotWritten(dir), TimeSpan.FromSeconds(30)), "no startup snapshot");
        var files = Files(dir);

        var refused = Assert.ThrowsAny<SocketException>(() => StandaloneServer.Start(Options(dir, first.Endpoint.Port), NullLoggerFactory.Instance));

        Assert.Equal(SocketError.AddressAlreadyInUse, refused.SocketErrorCode);
        Assert.Equal(files, Files(dir));
    }

    private static Func<bool> StartupSnapshotWritten(TempDir dir) => () =>
        File.Exists(Path.Combine(dir.Path, "version-2", "snapshot.0")) && !File.Exists(Path.Combine(dir.Path, "version-2", "snapshot.0.tmp"));

    private static string[] Files(TempDir dir) =>
        [.. Directory.GetFiles(dir.Path, "*", SearchOption.AllDirectories).Select(f => $"{f} {new FileInfo(f).Length}").Order(StringComparer.Ordinal)];

    private static ServerOptions Options(TempDir dir, int port) => new()
    {
        TickTimeMs = 2000,
        ClientPort = port,
        ClientPortAddress = IPAddress.Loopback,
        DataDir = dir.Path,
        DataLogDir = dir.Path,
        Properties = new Dictionary<string, string>
        {
            ["zookeeper.forceSync"] = "no",
            ["zookeeper.admin.enableServer"] = "false",
        },
    };
}
