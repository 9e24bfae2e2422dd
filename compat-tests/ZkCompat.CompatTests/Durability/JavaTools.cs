using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using ZkCompat.CompatTests.Support;

namespace ZkCompat.CompatTests.Durability;

/// <summary>
/// Runs Apache ZooKeeper 3.8.0's data-directory tools the way their wrapper scripts do (Debian ships
/// the classes, not zkTxnLogToolkit.sh, zkSnapShotToolkit.sh or zkSnapshotComparer.sh): <c>java -cp
/// CLASSPATH class args</c>, with zkEnv.sh's CLASSPATH. Each run is bounded by coreutils' timeout.
/// </summary>
internal static partial class JavaTools
{
    /// <summary>Dumps a txn log; <c>--recover --yes</c> rewrites one with fixed CRCs; <c>--chop --zxid Z</c> cuts it after Z.</summary>
    public const string TxnLogToolkit = "org.apache.zookeeper.server.persistence.TxnLogToolkit";

    /// <summary>Prints a snapshot's nodes, sessions and last zxid; <c>-d</c> adds the data, <c>-json</c> prints ncdu JSON.</summary>
    public const string SnapshotFormatter = "org.apache.zookeeper.server.SnapshotFormatter";

    /// <summary>Compares two snapshots level by level (node counts and data sizes).</summary>
    public const string SnapshotComparer = "org.apache.zookeeper.server.SnapshotComparer";

    private const string JavaPath = "/usr/bin/java";

    // zkEnv.sh's CLASSPATH; zookeeper.jar's manifest Class-Path brings jute, commons-cli, jackson and snappy.
    private const string ClassPath = "/etc/zookeeper/conf:/usr/share/java/zookeeper.jar";

    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Runs one tool to its end (file arguments are absolute; chop and recover write beside the log).</summary>
    public static async Task<ToolRun> RunAsync(string mainClass, IReadOnlyList<string> args)
    {
        var info = new ProcessStartInfo("timeout")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            WorkingDirectory = Path.GetTempPath(),
        };
        info.ArgumentList.Add("--kill-after=5");
        info.ArgumentList.Add($"{(int)RunTimeout.TotalSeconds}");
        info.ArgumentList.Add(JavaPath);
        // As JVMFLAGS would: C1 only and a small serial heap start the JVM fast. UTC and en-US fix the
        // formats of the times the tools print, so the normalisers know what the epoch (time 0) looks like.
        foreach (var flag in new[] { "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m", "-Duser.timezone=UTC", "-Duser.language=en", "-Duser.country=US" })
            info.ArgumentList.Add(flag);
        info.ArgumentList.Add("-cp");
        info.ArgumentList.Add(ClassPath);
        info.ArgumentList.Add(mainClass);
        foreach (var arg in args)
            info.ArgumentList.Add(arg);

        var commandLine = string.Join(' ', info.ArgumentList.Skip(2));
        using var process = new Process { StartInfo = info };
        process.Start();
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        var timedOut = false;
        using (var deadline = new CancellationTokenSource(RunTimeout + TimeSpan.FromSeconds(10)))
        {
            try
            {
                await process.WaitForExitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                timedOut = true;
                await ProcessTree.KillAsync(process);
            }
        }

        // coreutils' timeout exits 124 (137 after --kill-after) when it had to end the tool.
        int? exitCode = process.HasExited ? process.ExitCode : null;
        timedOut |= exitCode is 124 or 137;
        return new ToolRun(commandLine, exitCode, timedOut, await stdout, await stderr);
    }

    /// <summary>Runs the tool once per argument list, two at a time (the machine has two cores), in order of the lists.</summary>
    public static async Task<IReadOnlyList<ToolRun>> RunAllAsync(string mainClass, IReadOnlyList<IReadOnlyList<string>> argLists)
    {
        var runs = new ToolRun[argLists.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, argLists.Count),
            new ParallelOptions { MaxDegreeOfParallelism = 2 },
            async (i, _) => runs[i] = await RunAsync(mainClass, argLists[i]));
        return runs;
    }

    /// <summary>A Java exception or stack frame anywhere in a tool's output.</summary>
    [GeneratedRegex(@"Exception|^\s+at [\w.$]+\(", RegexOptions.Multiline)]
    internal static partial Regex ExceptionText();
}
