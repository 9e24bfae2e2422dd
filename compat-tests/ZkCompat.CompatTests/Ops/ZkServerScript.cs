using System.Diagnostics;
using ZkCompat.CompatTests.Support;

namespace ZkCompat.CompatTests.Ops;

/// <summary>
/// Runs this repository's bin/zkServer.sh on a zoo.cfg of its own (free client port, temp dataDir,
/// ZOO_LOG_DIR and ZOOPIDFILE under a temp directory), with the zkcompat built for these tests.
/// </summary>
internal sealed class ZkServerScript : IDisposable
{
    private static readonly TimeSpan s_bound = TimeSpan.FromSeconds(90);

    public ZkServerScript(string jvmFlags, params string[] moreLines)
    {
        WorkDir = Directory.CreateTempSubdirectory("zkcompat-script-").FullName;
        Port = FreePort.Next();
        Directory.CreateDirectory(Path.Combine(WorkDir, "conf"));
        File.WriteAllLines(Path.Combine(WorkDir, "conf", "ops.cfg"),
        [
            "tickTime=500", $"clientPort={Port}", "clientPortAddress=127.0.0.1", $"dataDir={Path.Combine(WorkDir, "data")}",
            "admin.enableServer=false", "forceSync=no", .. moreLines,
        ]);
        JvmFlags = jvmFlags;
    }

    public string WorkDir { get; }

    public int Port { get; }

    public string JvmFlags { get; }

    public string DataDir => Path.Combine(WorkDir, "data");

    public string PidFile => Path.Combine(WorkDir, "run", "zk.pid");

    public string LogDir => Path.Combine(WorkDir, "logs");

    public static string Script
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "bin", "zkServer.sh")))
                dir = dir.Parent;
            return dir is null ? throw new InvalidOperationException("bin/zkServer.sh not found above " + AppContext.BaseDirectory) : Path.Combine(dir.FullName, "bin", "zkServer.sh");
        }
    }

    /// <summary>Runs one verb (the config is found through ZOOCFGDIR and ZOOCFG, as Java's script does).</summary>
    public async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string verb)
    {
        var info = new ProcessStartInfo("timeout")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "--kill-after=5", $"{(int)s_bound.TotalSeconds}", "bash", Script, verb })
            info.ArgumentList.Add(arg);
        info.Environment["ZOOCFGDIR"] = Path.Combine(WorkDir, "conf");
        info.Environment["ZOOCFG"] = "ops.cfg";
        info.Environment["ZOO_LOG_DIR"] = LogDir;
        info.Environment["ZOOPIDFILE"] = PidFile;
        info.Environment["SERVER_JVMFLAGS"] = JvmFlags;
        info.Environment["ZKCOMPAT_BIN"] = Path.Combine(AppContext.BaseDirectory, "zkcompat");
        using var process = Process.Start(info)!;
        // The server that `start` leaves behind inherits no pipe of ours (nohup, redirected), so these end.
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(s_bound + TimeSpan.FromSeconds(10));
        await process.WaitForExitAsync(deadline.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    public void Dispose()
    {
        // A server a failed test left running is stopped by its pid file.
        if (File.Exists(PidFile) && int.TryParse(File.ReadAllText(PidFile).Trim(), out var pid))
        {
            try
            {
                using var leftover = Process.GetProcessById(pid);
                leftover.Kill();
                leftover.WaitForExit(TimeSpan.FromSeconds(10));
            }
            catch (ArgumentException)
            {
                // Already gone.
            }
        }

        Directory.Delete(WorkDir, recursive: true);
    }
}
