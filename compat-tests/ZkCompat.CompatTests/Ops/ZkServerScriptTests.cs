using System.Net.Sockets;
using System.Text;
using ZkCompat.CompatTests.Support;

namespace ZkCompat.CompatTests.Ops;

/// <summary>bin/zkServer.sh's verbs end to end, with Java's words and exit codes, and its variables honoured.</summary>
public class ZkServerScriptTests
{
    [Fact]
    public async Task Verbs_StartStatusRestartStop_BehaveAsJavasScript()
    {
        // -Xmx is a JVM flag and is dropped; the -D option becomes a system property (here: mntr allowed).
        using var script = new ZkServerScript("-Xmx512m -Dzookeeper.4lw.commands.whitelist=mntr");

        var version = await script.RunAsync("version");
        Assert.Equal(0, version.ExitCode);
        Assert.StartsWith("Apache ZooKeeper, version 3.8.0-zkcompat-", version.Stdout, StringComparison.Ordinal);

        var printCmd = await script.RunAsync("print-cmd");
        Assert.Contains("-Dzookeeper.4lw.commands.whitelist=mntr", printCmd.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("-Xmx", printCmd.Stdout, StringComparison.Ordinal);
        Assert.Contains("ops.cfg", printCmd.Stdout, StringComparison.Ordinal);

        var down = await script.RunAsync("status");
        Assert.Equal(1, down.ExitCode);
        Assert.Contains("Error contacting service. It is probably not running.", down.Stderr, StringComparison.Ordinal);

        var start = await script.RunAsync("start");
        Assert.True(start.ExitCode == 0, start.Stdout + start.Stderr);
        Assert.Contains("STARTED", start.Stdout, StringComparison.Ordinal);
        Assert.Contains("Using config: " + Path.Combine(script.WorkDir, "conf", "ops.cfg"), start.Stderr, StringComparison.Ordinal);
        Assert.True(File.Exists(script.PidFile));
        Assert.Single(Directory.GetFiles(script.LogDir, "zookeeper-*-server-*.out"));

        var again = await script.RunAsync("start");
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("already running as process", again.Stdout, StringComparison.Ordinal);

        var status = await script.RunAsync("status");
        Assert.Equal(0, status.ExitCode);
        Assert.Equal("Mode: standalone", status.Stdout.Trim());
        Assert.StartsWith("zk_version\t", await FourLetterAsync(script.Port, "mntr"), StringComparison.Ordinal);

        var restart = await script.RunAsync("restart");
        Assert.True(restart.ExitCode == 0, restart.Stdout + restart.Stderr);
        Assert.Contains("STOPPED", restart.Stdout, StringComparison.Ordinal);
        Assert.Contains("STARTED", restart.Stdout, StringComparison.Ordinal);

        var stop = await script.RunAsync("stop");
        Assert.Equal(0, stop.ExitCode);
        Assert.Contains("STOPPED", stop.Stdout, StringComparison.Ordinal);
        Assert.False(File.Exists(script.PidFile));
        // The graceful path (SIGTERM) logs its last line only when it exits 0.
        var log = await File.ReadAllTextAsync(Directory.GetFiles(script.LogDir, "*.out").Single());
        Assert.Contains("Stopped: connections closed", log, StringComparison.Ordinal);

        Assert.Equal(1, (await script.RunAsync("status")).ExitCode);
        Assert.Contains("no zookeeper to stop", (await script.RunAsync("stop")).Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_OfAnEnsembleMemberWhosePeersAreDown_PrintsStartedAsJavasScriptDoes()
    {
        // Java's script says STARTED once the process runs; a member alone cannot serve yet.
        using var script = new ZkServerScript(
            "",
            "initLimit=5",
            "syncLimit=2",
            $"server.1=127.0.0.1:{FreePort.Next()}:{FreePort.Next()}",
            $"server.2=127.0.0.1:{FreePort.Next()}:{FreePort.Next()}",
            $"server.3=127.0.0.1:{FreePort.Next()}:{FreePort.Next()}");
        Directory.CreateDirectory(script.DataDir);
        await File.WriteAllTextAsync(Path.Combine(script.DataDir, "myid"), "1");

        var start = await script.RunAsync("start");
        Assert.True(start.ExitCode == 0, start.Stdout + start.Stderr);
        Assert.Contains("STARTED", start.Stdout, StringComparison.Ordinal);

        var status = await script.RunAsync("status");
        Assert.Equal(1, status.ExitCode);
        Assert.Contains("Error contacting service. It is probably not running.", status.Stderr, StringComparison.Ordinal);
        Assert.Equal("This ZooKeeper instance is not currently serving requests\n", await FourLetterAsync(script.Port, "srvr"));

        Assert.Contains("STOPPED", (await script.RunAsync("stop")).Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownVerb_PrintsJavasUsage()
    {
        using var script = new ZkServerScript("");

        var result = await script.RunAsync("frobnicate");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("{start|start-foreground|stop|version|restart|status|print-cmd}", result.Stderr, StringComparison.Ordinal);
    }

    internal static async Task<string> FourLetterAsync(int port, string word)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await socket.ConnectAsync("127.0.0.1", port, deadline.Token);
        await socket.SendAsync(Encoding.ASCII.GetBytes(word), deadline.Token);
        using var answer = new MemoryStream();
        var buffer = new byte[65536];
        int read;
        while ((read = await socket.ReceiveAsync(buffer, deadline.Token)) > 0)
            answer.Write(buffer, 0, read);
        return Encoding.ASCII.GetString(answer.ToArray());
    }
}
