using System.Diagnostics;
using ZkCompat.CompatTests.Servers;
using ZkCompat.CompatTests.Support;

namespace ZkCompat.CompatTests.Durability;

/// <summary>
/// One server started on a dataDir the tools changed: the startup snapshot it wrote (if asked to wait
/// for one), and tools_workload.py check's verdict and tree dump.
/// </summary>
internal sealed record ServedDataDir(string Server, string DataDir, ClientRun? Check, IReadOnlyList<string> Dump, DataDirFiles.DataFile? Snapshot, string Failure, string ServerLog)
{
    /// <summary>How many lines of the server's log held each of the texts asked for, in their order.</summary>
    public IReadOnlyList<int> LogCounts { get; init; } = [];

    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan SnapshotTimeout = TimeSpan.FromSeconds(20);

    public bool Passed => Failure.Length == 0;

    /// <summary>
    /// Starts <paramref name="server"/> on <paramref name="dataDir"/>; waits (bounded) for the startup
    /// snapshot at <paramref name="snapshotZxid"/> when given (Java writes one at every start; ZkCompat
    /// after a replay of more than snapCount/2 txns, so it gets snapCount=2 here); then runs the check of
    /// every change acknowledged up to <paramref name="upto"/> (all when null), with
    /// <paramref name="overrides"/> (PATH=HEX) in place of acknowledged data, and kills the server.
    /// </summary>
    public static async Task<ServedDataDir> ServeAsync(string server, string dataDir, ToolsWorkload workload, long? upto, long? snapshotZxid, IReadOnlyList<string> overrides, IReadOnlyList<string>? countInLog = null)
    {
        IReadOnlyList<string> lines = server == "zkcompat" ? [.. workload.ConfigLines, "snapCount=2"] : workload.ConfigLines;
        IServerUnderTest zk;
        try
        {
            zk = await SessionlessStart.StartAsync(server, new ServerStartOptions { DataDir = dataDir, ExtraConfigLines = lines });
        }
        catch (InvalidOperationException e)
        {
            return new ServedDataDir(server, dataDir, null, [], null, $"'{server}' did not start on {dataDir}", e.Message);
        }

        await using (zk)
        {
            DataDirFiles.DataFile? snapshot = null;
            if (snapshotZxid is { } zxid)
            {
                var clock = Stopwatch.StartNew();
                // The startup snapshot is renamed into place when complete (Java: written before serving).
                while ((snapshot = DataDirFiles.Snapshot(dataDir, zxid)) is null && clock.Elapsed < SnapshotTimeout)
                    await Task.Delay(50);
                if (snapshot is null)
                {
                    await zk.KillAsync();
                    return new ServedDataDir(server, dataDir, null, [], null,
                        $"'{server}' wrote no snapshot for 0x{zxid:x} within {SnapshotTimeout.TotalSeconds}s of serving ({DataDirFiles.Listing(dataDir)})",
                        zk.Describe(DurabilityRun.ServerLogChars));
                }
            }

            var dumpFile = Path.Combine(Path.GetDirectoryName(dataDir)!, $"dump-{server}-{Path.GetFileName(dataDir)}.jsonl");
            List<string> args = ["check", zk.ConnectString, "--super-password", DurabilityRun.SuperPassword, "--acks", workload.AcksFile, "--dump", dumpFile];
            if (upto is { } u)
                args.AddRange(["--upto", $"0x{u:x}"]);
            foreach (var o in overrides)
                args.AddRange(["--override", o]);
            var check = await ClientRun.StartAsync("/usr/bin/python3", "durability/tools_workload.py", args, CheckTimeout);
            await zk.KillAsync();
            var counts = (countInLog ?? []).Select(text => zk is ServerProcess p ? p.LogCount(text) : -1).ToList();
            var failure = check.Passed ? "" : $"the check on '{server}' (dataDir {dataDir}) failed: {check.Describe()}\n{check.Output}";
            IReadOnlyList<string> dump = File.Exists(dumpFile) ? File.ReadAllLines(dumpFile) : [];
            return new ServedDataDir(server, dataDir, check, dump, snapshot, failure, zk.Describe(DurabilityRun.ServerLogChars)) { LogCounts = counts };
        }
    }
}
