using System.Text.Json.Nodes;
using ZkCompat.CompatTests.Servers;

namespace ZkCompat.CompatTests.Durability;

/// <summary>
/// clients/durability/tools_workload.py written once by Java and once by ZkCompat (each on its own
/// dataDir, at the same time), both SIGKILLed with the 'holder' session alive, and TxnLogToolkit's
/// dump of every log of both. The workload sends one request at a time, so both servers log the same
/// txns under the same zxids; its ack file (one JSON line per acknowledged change) must be the same
/// from both, which shows it.
/// </summary>
internal sealed record ToolsWorkload(string Variant, string WorkDir, IReadOnlyList<string> ConfigLines, IReadOnlyList<string> Acks, ToolsWorkload.Written Java, ToolsWorkload.Written ZkCompat)
{
    /// <summary>One server's dataDir after the workload, and TxnLogToolkit's run on each of its logs.</summary>
    public sealed record Written(string Server, string DataDir, IReadOnlyList<DataDirFiles.DataFile> Logs, IReadOnlyList<ToolRun> LogRuns, string ServerLog)
    {
        public IReadOnlyList<TxnLogDump> LogDumps { get; } = [.. LogRuns.Select(r => TxnLogDump.Parse(r.Stdout))];

        /// <summary>Every txn of every log, in file order.</summary>
        public IReadOnlyList<TxnLogEntry> Txns => [.. LogDumps.SelectMany(d => d.Txns)];

        public SessionNames Sessions => new(Txns);
    }

    /// <summary>tools_workload.py's root: every node the workload makes is under it.</summary>
    public const string Root = "/tools";

    private static readonly TimeSpan WriteTimeout = TimeSpan.FromSeconds(60);

    /// <summary>
    /// zoo.cfg lines of every server in these tests, before the variant's. snapCount=20 rolls the log and
    /// snapshots every 11-20 txns, several times over the workload's ~90. A 64 KiB preAllocSize keeps
    /// copies of a dataDir small. Restored sessions must outlive every check (tools_workload.py asks 60 s).
    /// </summary>
    public static IReadOnlyList<string> BaseConfigLines { get; } =
    [
        "snapCount=20", "preAllocSize=64", "extendedTypesEnabled=true", "maxSessionTimeout=60000", DurabilityRun.SuperDigestLine,
    ];

    public Written Of(string server) => server == "java" ? Java : ZkCompat;

    /// <summary>The zxid of the last acknowledged change.</summary>
    public long LastZxid => (long)Ack(Acks[^1])["zxid"]!;

    /// <summary>The zxid of the acknowledged create of <paramref name="path"/>.</summary>
    public long CreateZxid(string path) => (long)Acks.Select(Ack).First(a => (string?)a["op"] == "create" && (string?)a["path"] == path)["zxid"]!;

    public string AcksFile => Path.Combine(WorkDir, "acks.jsonl");

    /// <summary>
    /// The nodes under the workload's root after every change acknowledged up to <paramref name="zxid"/>:
    /// path to data in hex ("" for null or empty data, which SnapshotFormatter -d prints alike). As
    /// tools_workload.py check computes it: a closed session's ephemerals go with it.
    /// </summary>
    public IReadOnlyDictionary<string, string> TreeAt(long zxid)
    {
        var nodes = new Dictionary<string, string>(StringComparer.Ordinal);
        var owned = new Dictionary<string, List<string>>();
        foreach (var ack in Acks.Select(Ack).TakeWhile(a => (long)a["zxid"]! <= zxid))
        {
            var path = (string?)ack["path"];
            switch ((string?)ack["op"])
            {
                case "create":
                    nodes[path!] = (string?)ack["data"] ?? "";
                    if ((string?)ack["session"] is { } session)
                    {
                        owned.TryAdd(session, []);
                        owned[session].Add(path!);
                    }

                    break;
                case "set":
                    nodes[path!] = (string?)ack["data"] ?? "";
                    break;
                case "delete":
                    nodes.Remove(path!);
                    break;
                case "close":
                    foreach (var ephemeral in owned.GetValueOrDefault((string)ack["session"]!, []))
                        nodes.Remove(ephemeral);
                    break;
            }
        }

        return nodes;
    }

    public static async Task<ToolsWorkload> WriteAsync(string variant, IReadOnlyList<string> variantLines, string workDir)
    {
        var lines = BaseConfigLines.Concat(variantLines).ToList();
        var writes = await Task.WhenAll(WriteOneAsync("java", lines, workDir), WriteOneAsync("zkcompat", lines, workDir));
        var (java, javaAcks) = writes[0];
        var (zk, zkAcks) = writes[1];
        if (!javaAcks.SequenceEqual(zkAcks))
        {
            var first = javaAcks.Zip(zkAcks).TakeWhile(p => p.First == p.Second).Count();
            throw new InvalidOperationException(
                $"the workload acknowledged different changes on Java and ZkCompat (first difference at ack {first}: " +
                $"java {javaAcks.ElementAtOrDefault(first)}, zkcompat {zkAcks.ElementAtOrDefault(first)}); the comparisons need one txn sequence");
        }

        var workload = new ToolsWorkload(variant, workDir, lines, javaAcks, java, zk);
        File.WriteAllLines(workload.AcksFile, javaAcks);
        return workload;
    }

    private static async Task<(Written Written, IReadOnlyList<string> Acks)> WriteOneAsync(string server, IReadOnlyList<string> lines, string workDir)
    {
        var dataDir = Path.Combine(workDir, $"written-by-{server}");
        var acks = Path.Combine(workDir, $"acks-{server}.jsonl");
        string serverLog;
        await using (var zk = await SessionlessStart.StartAsync(server, new ServerStartOptions { DataDir = dataDir, ExtraConfigLines = lines }))
        {
            await using var script = ScriptProcess.Start("tools_workload.py", ["write", zk.ConnectString, "--super-password", DurabilityRun.SuperPassword, "--acks", acks]);
            var ready = await script.WaitForLineAsync(l => l.StartsWith("READY", StringComparison.Ordinal) || l.StartsWith("FAIL", StringComparison.Ordinal), WriteTimeout);
            // The server first, so the holder session is alive in the dataDir; then the script.
            await zk.KillAsync();
            await script.KillAsync();
            serverLog = zk.Describe(DurabilityRun.ServerLogChars);
            if (ready is null || !ready.StartsWith("READY", StringComparison.Ordinal))
                throw new InvalidOperationException($"the workload failed on '{server}':\n{script.Describe()}\n{serverLog}");
        }

        var logs = DataDirFiles.Logs(dataDir);
        var runs = await JavaTools.RunAllAsync(JavaTools.TxnLogToolkit, [.. logs.Select(l => (IReadOnlyList<string>)[l.Path])]);
        return (new Written(server, dataDir, logs, runs, serverLog), File.ReadAllLines(acks));
    }

    private static JsonNode Ack(string line) => JsonNode.Parse(line)!;
}
