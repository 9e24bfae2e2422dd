using Xunit.Abstractions;
using ZkCompat.CompatTests.Servers;
using ZkCompat.CompatTests.Support;

namespace ZkCompat.CompatTests.Durability;

/// <summary>
/// One server writes a dataDir and is SIGKILLed (or SIGTERMed) while a session with ephemerals is alive; the other
/// server starts on that same dataDir. Both dump every node through kazoo with a super session (path,
/// data, every Stat field, ACLs) and the dumps must be identical; the live session must resume with its
/// password and its ephemerals must go when it closes; sequential counters must continue where the writer
/// left them. The writer's content: data empty/null/binary/UTF-8/300 KB, digest/ip/ip-mask/world-read/
/// 'auth'/shared ACLs and setACL, counters ahead of their children, a committed and a rolled-back multi,
/// containers (op 19) and TTL nodes (op 21), ephemerals of a closed and of a live session, and churn
/// enough for many snapshots and log files (snapCount=20). See clients/durability/interchange.py.
/// Same-server pairs are the controls: they show what a restart alone preserves. The compressed
/// rows write every snapshot as snapshot.&lt;zxid&gt;.gz or .snappy (snapshot.compression.method on
/// both servers). The digest rows run the same with digest.enabled=false on one side: a dataDir
/// written without digests (log entries without TxnDigest, snapshots without the digest section)
/// must read on a server that keeps them, and the other way round.
/// </summary>
public sealed class DataDirInterchangeTests(ITestOutputHelper output)
{
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromSeconds(90);
    private const int MinSnapshots = 4;
    private const int MinLogs = 5;

    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Writer, reader, how the writer ends: SIGKILL ("kill") or SIGTERM, a clean stop ("term"), and
    /// the snapshot compression ("" for none, "gz", "snappy").
    /// </summary>
    public static TheoryData<string, string, string, string> Cases
    {
        get
        {
            var cases = new TheoryData<string, string, string, string>();
            foreach (var stop in new[] { "kill", "term" })
            {
                cases.Add("java", "zkcompat", stop, "");
                cases.Add("zkcompat", "java", stop, "");
                cases.Add("java", "java", stop, "");
                cases.Add("zkcompat", "zkcompat", stop, "");
            }

            foreach (var compression in new[] { "gz", "snappy" })
            {
                cases.Add("java", "zkcompat", "kill", compression);
                cases.Add("zkcompat", "java", "kill", compression);
            }

            return cases;
        }
    }

    /// <summary>Writer, reader, and which of them runs with digest.enabled=false ("writer" or "reader").</summary>
    public static TheoryData<string, string, string> DigestCases
    {
        get
        {
            var cases = new TheoryData<string, string, string>();
            foreach (var off in new[] { "writer", "reader" })
            {
                cases.Add("zkcompat", "java", off);
                cases.Add("java", "zkcompat", off);
            }

            return cases;
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public Task DataDir_WrittenByOneServer_ReadsIdenticallyOnTheOther(string writer, string reader, string stop, string compression) =>
        RunAsync(writer, reader, stop, compression, writerDigestOff: false, readerDigestOff: false);

    [Theory]
    [MemberData(nameof(DigestCases))]
    public Task DataDir_WithDigestsOffOnOneSide_ReadsIdenticallyOnTheOther(string writer, string reader, string digestOff) =>
        RunAsync(writer, reader, "kill", "", writerDigestOff: digestOff == "writer", readerDigestOff: digestOff == "reader");

    private async Task RunAsync(string writer, string reader, string stop, string compression, bool writerDigestOff, bool readerDigestOff)
    {
        var digestNote = writerDigestOff ? "-writer-digest-off" : readerDigestOff ? "-reader-digest-off" : "";
        var compressionNote = compression.Length > 0 ? "-" + compression : "";
        using var run = new DurabilityRun($"{writer}-{stop}-to-{reader}{digestNote}{compressionNote}", output);
        string[] lines = ["snapCount=20", "extendedTypesEnabled=true", DurabilityRun.SuperDigestLine, $"snapshot.compression.method={compression}"];
        var options = new ServerStartOptions
        {
            DataDir = run.DataDir,
            ExtraConfigLines = writerDigestOff ? [.. lines, DigestOffLine] : lines,
        };
        var readerOptions = options with { ExtraConfigLines = readerDigestOff ? [.. lines, DigestOffLine] : lines };
        var writerDump = Path.Combine(run.WorkDir, $"dump-{writer}-writer.jsonl");
        var readerDump = Path.Combine(run.WorkDir, $"dump-{reader}-reader.jsonl");
        var info = Path.Combine(run.WorkDir, "writer-info.json");
        var failures = new List<string>();

        // 1. The writer fills the tree, dumps it and is SIGKILLed while the holder session lives.
        string writerLog;
        await using (var server = await ServerUnderTest.StartAsync(writer, options))
        {
            await using var script = ScriptProcess.Start(
                "interchange.py",
                ["write", server.ConnectString, "--super-password", DurabilityRun.SuperPassword, "--dump", writerDump, "--info", info]);
            var ready = await script.WaitForLineAsync(l => l.StartsWith("READY", StringComparison.Ordinal) || l.StartsWith("FAIL", StringComparison.Ordinal), ScriptTimeout);
            // First the server, so no closeSession ever reaches it; then the holder's script.
            var stopped = true;
            if (stop == "term")
            {
                stopped = await server.StopAsync(StopTimeout);
            }

            await server.KillAsync();
            await script.KillAsync();
            writerLog = server.Describe(DurabilityRun.ServerLogChars);
            if (ready is null || !ready.StartsWith("READY", StringComparison.Ordinal))
            {
                Fail(run, $"the writer script did not get ready on '{writer}'", script.Describe() + writerLog);
            }

            if (!stopped)
            {
                failures.Add($"'{writer}' did not exit within {StopTimeout.TotalSeconds}s of SIGTERM (it was SIGKILLed then)");
            }

            run.Note($"writer '{writer}' ({(stop == "term" ? "SIGTERM" : "SIGKILL")} with the holder session alive): {ready}");
        }

        var snapshots = run.DataFiles("snapshot.");
        // The first snapshot (the empty tree at zxid 0) shows the format: Java 3.8.0 writes 424 bytes
        // without the digest section and its seal, 457 with them (uncompressed).
        var expectedBytes = writerDigestOff ? 424 : 457;
        var firstSnapshot = new FileInfo(Path.Combine(run.DataDir, "version-2", "snapshot.0"));
        if (compression.Length == 0 && firstSnapshot.Length != expectedBytes)
        {
            failures.Add($"'{writer}' wrote a {firstSnapshot.Length}-byte snapshot.0 with digest.enabled={!writerDigestOff}; Java writes {expectedBytes}");
        }

        var logs = run.DataFiles("log.");
        run.Note($"dataDir after the writer: {snapshots.Count} snapshots, {logs.Count} logs: {run.Listing()}");
        if (snapshots.Count < MinSnapshots || logs.Count < MinLogs)
        {
            failures.Add($"'{writer}' wrote {snapshots.Count} snapshots and {logs.Count} logs with snapCount=20; " +
                         $"expected at least {MinSnapshots} and {MinLogs}");
        }

        var suffix = compression.Length > 0 ? "." + compression : "";
        // snapshot.<zxid> or snapshot.<zxid>.<compression>
        if (snapshots.FirstOrDefault(s => (s.Split('.') is [_, _, var ext] ? "." + ext : "") != suffix) is { } other)
        {
            failures.Add($"'{writer}' wrote {other} with snapshot.compression.method={compression}; expected every snapshot to end in '{suffix}'");
        }

        // 2. The reader starts on the same dataDir, dumps, resumes the session, probes the counters.
        IServerUnderTest readerServer;
        try
        {
            readerServer = await ServerUnderTest.StartAsync(reader, readerOptions);
        }
        catch (InvalidOperationException e)
        {
            Fail(run, $"'{reader}' did not start on the dataDir '{writer}' wrote", e.Message + "\n--- writer ---\n" + writerLog);
            return;
        }

        await using (readerServer)
        {
            await using var script = ScriptProcess.Start(
                "interchange.py",
                ["read", readerServer.ConnectString, "--super-password", DurabilityRun.SuperPassword, "--dump", readerDump, "--info", info]);
            var exited = await script.WaitForExitAsync(ScriptTimeout);
            if (!exited || script.ExitCode != 0)
            {
                failures.Add($"the reader script on '{reader}' failed:\n{script.Describe()}");
            }

            if (!File.Exists(readerDump))
            {
                failures.Add("the reader wrote no dump");
            }
            else if (TreeDump.Difference(File.ReadAllLines(writerDump), File.ReadAllLines(readerDump), $"{writer} (writer)", $"{reader} (reader)") is { } difference)
            {
                failures.Add(difference);
            }

            if (failures.Count > 0)
            {
                Fail(run, string.Join("\n\n", failures), readerServer.Describe(DurabilityRun.ServerLogChars) + "--- writer ---\n" + writerLog);
            }
        }
    }

    private const string DigestOffLine = "digest.enabled=false";

    private static void Fail(DurabilityRun run, string what, string details)
    {
        run.Keep = true;
        Assert.Fail($"{what}\n--- history ---\n{run.History}(dataDir and dumps kept in {run.WorkDir})\n{details}");
    }
}
