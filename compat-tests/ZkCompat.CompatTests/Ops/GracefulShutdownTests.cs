using System.Buffers.Binary;
using System.Diagnostics;
using ZkCompat.CompatTests.Support;

namespace ZkCompat.CompatTests.Ops;

/// <summary>SIGTERM: stop accepting, close connections but not sessions, flush, exit 0.</summary>
public sealed class GracefulShutdownTests : IDisposable
{
    private static readonly TimeSpan s_bound = TimeSpan.FromSeconds(60);
    private readonly string _dir = Directory.CreateTempSubdirectory("zkcompat-sigterm-").FullName;
    private readonly int _port = FreePort.Next();

    [Fact]
    public async Task Sigterm_ClosesConnections_ExitsZero_AndTheSessionLivesOn()
    {
        long sessionId;
        using (var server = Start())
        {
            using var probe = await RawZkClient.HandshakeWhenServingAsync("127.0.0.1", _port, s_bound, () => server.HasExited);
            var (client, response) = await RawZkClient.HandshakeAsync("127.0.0.1", _port);
            using var _ = client;
            sessionId = BinaryPrimitives.ReadInt64BigEndian(response.AsSpan(8));

            await SignalAsync(server.Id, "TERM");

            Assert.True((await client.ReadUntilClosedAsync()).Closed, "the connection stayed open after SIGTERM");
            using var exit = new CancellationTokenSource(s_bound);
            await server.WaitForExitAsync(exit.Token);
            Assert.Equal(0, server.ExitCode);
        }

        using var again = Start();
        try
        {
            using var probe = await RawZkClient.HandshakeWhenServingAsync("127.0.0.1", _port, s_bound, () => again.HasExited);
            var dump = await ZkServerScriptTests.FourLetterAsync(_port, "dump");

            Assert.Contains($"\t0x{sessionId:x}\n", dump, StringComparison.Ordinal);
        }
        finally
        {
            await ProcessTree.KillAsync(again);
        }
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private Process Start()
    {
        var config = Path.Combine(_dir, "zoo.cfg");
        File.WriteAllLines(config,
        [
            "tickTime=500", $"clientPort={_port}", "clientPortAddress=127.0.0.1", $"dataDir={Path.Combine(_dir, "data")}",
            "maxSessionTimeout=30000", "admin.enableServer=false", "4lw.commands.whitelist=dump",
        ]);
        var info = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "zkcompat"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(config);
        var process = Process.Start(info)!;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task SignalAsync(int pid, string signal)
    {
        using var kill = Process.Start("kill", [$"-{signal}", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
        Assert.Equal(0, kill.ExitCode);
    }
}
