using Xunit.Abstractions;

namespace ZkCompat.CompatTests.Durability;

/// <summary>
/// Java ZooKeeper 3.8.0's own tools read ZkCompat's dataDir files as they read Java's: the same
/// deterministic workload (clients/durability/tools_workload.py, snapCount=20) is written once by each
/// server; TxnLogToolkit dumps every log and SnapshotFormatter (plain, -d, -json) every snapshot of
/// both. Every run must exit 0 without an exception, and what they print must agree once what two runs
/// of one workload legitimately differ in is normalised (each normalisation says why where it is made).
/// </summary>
[Collection(SharedToolsWorkload.Name)]
public sealed class JavaToolsReadTests(JavaToolsFixture fixture, ITestOutputHelper output)
{
    private const string LogHeader = "ZooKeeper Transactional Log File with dbid 0 txnlog format version 2";
    private const int MinFiles = 3;

    [Theory]
    [MemberData(nameof(ToolsVariants.All), MemberType = typeof(ToolsVariants))]
    public async Task TxnLogToolkit_DumpsZkCompatLogs_AsItDumpsJavas(string variant)
    {
        var workload = await fixture.WrittenAsync(variant);
        var failures = new List<string>();
        foreach (var side in new[] { workload.Java, workload.ZkCompat })
        {
            output.WriteLine($"{side.Server}: {side.Logs.Count} logs, {side.Txns.Count} txns: {DataDirFiles.Listing(side.DataDir)}");
            failures.AddRange(LogProblems(side, workload.LastZxid));
        }

        // Times and session ids normalised (TxnLogEntry.Normalised); the rest of every line must match.
        var java = workload.Java.Txns.Select(t => t.Normalised(workload.Java.Sessions)).ToList();
        var zk = workload.ZkCompat.Txns.Select(t => t.Normalised(workload.ZkCompat.Sessions)).ToList();
        if (!java.SequenceEqual(zk))
            failures.Add("TxnLogToolkit prints ZkCompat's txns differently from Java's:\n" + TextDifference.FirstLines(java, zk, "java", "zkcompat"));

        Report(workload, failures);
    }

    [Theory]
    [MemberData(nameof(ToolsVariants.All), MemberType = typeof(ToolsVariants))]
    public async Task SnapshotFormatter_ReadsZkCompatSnapshots_AsItReadsJavas(string variant)
    {
        var workload = await fixture.WrittenAsync(variant);
        var failures = new List<string>();
        var formatted = new Dictionary<string, IReadOnlyList<FormattedSnapshot>>();
        foreach (var side in new[] { workload.Java, workload.ZkCompat })
        {
            var snapshots = DataDirFiles.Snapshots(side.DataDir);
            output.WriteLine($"{side.Server}: {snapshots.Count} snapshots: {string.Join(' ', snapshots.Select(s => s.Name))}");
            if (snapshots.Count < MinFiles)
                failures.Add($"'{side.Server}' wrote {snapshots.Count} snapshots; expected at least {MinFiles} with snapCount=20");
            formatted[side.Server] = await FormattedSnapshot.FormatAsync(snapshots);
            // ZkCompat's snapshots hold the tree at exactly their zxid (ARCHITECTURE: copy on snapshot, not fuzzy).
            // Java's are fuzzy, but one whose Last zxid is its own holds no later node change either (each
            // create, delete and setData moves an mzxid or a parent's pzxid): those get the content check too.
            foreach (var snapshot in formatted[side.Server])
            {
                var exact = side.Server == "zkcompat" || snapshot.File.Zxid == 0;
                failures.AddRange(snapshot.Problems(exact));
                if (exact || snapshot.PlainListing.LastZxid == snapshot.File.Zxid)
                {
                    failures.AddRange(snapshot.ContentProblems(workload.TreeAt(snapshot.File.Zxid), ToolsWorkload.Root));
                    output.WriteLine($"{side.Server} {snapshot.File.Name}: {snapshot.PlainListing.Count - 1} nodes, checked against the acknowledged changes");
                }
            }
        }

        // Both servers' first snapshot, of the empty tree at zxid 0, is the one snapshot both histories
        // hold at the same zxid; the others fall where each server's random roll put them. Their
        // contents meet Java's exactly in the chop test, at one zxid.
        var javaFirst = formatted["java"].FirstOrDefault(s => s.File.Zxid == 0);
        var zkFirst = formatted["zkcompat"].FirstOrDefault(s => s.File.Zxid == 0);
        if (javaFirst is null || zkFirst is null)
            failures.Add($"no snapshot of zxid 0 from {(javaFirst is null ? "java" : "zkcompat")} (every server writes one at its first start)");
        else
            failures.AddRange(zkFirst.DifferencesFrom(javaFirst, "zkcompat", "java", workload.ZkCompat.Sessions, workload.Java.Sessions));

        Report(workload, failures);
    }

    /// <summary>Each log dumped cleanly, named after its first zxid, its count stated; together, zxids 1..last without a gap.</summary>
    private static IEnumerable<string> LogProblems(ToolsWorkload.Written side, long lastZxid)
    {
        if (side.Logs.Count < MinFiles)
            yield return $"'{side.Server}' wrote {side.Logs.Count} logs; expected at least {MinFiles} with snapCount=20";
        foreach (var (log, run, dump) in side.Logs.Zip(side.LogRuns, side.LogDumps))
        {
            var txns = dump.Txns.ToList();
            if (!run.Clean)
                yield return $"{side.Server} {log.Name}: TxnLogToolkit failed:\n{run.Describe()}";
            else if (dump.Header != LogHeader || dump.Unexpected.Count > 0 || dump.Flagged.Any())
                yield return $"{side.Server} {log.Name}: header '{dump.Header}' (Java prints '{LogHeader}'), CRC errors {dump.Flagged.Count()}, unexpected lines: {string.Join(" | ", dump.Unexpected)}";
            else if (dump.StatedCount != txns.Count || txns.Count == 0 || txns[0].Zxid != log.Zxid)
                yield return $"{side.Server} {log.Name}: {txns.Count} txns from 0x{txns.FirstOrDefault()?.Zxid:x}, the tool says '{dump.End}' (a log is named after its first zxid)";
        }

        var zxids = side.Txns.Select(t => t.Zxid).ToList();
        if (!zxids.SequenceEqual(Enumerable.Range(1, (int)lastZxid).Select(i => (long)i)))
            yield return $"{side.Server}: the logs hold zxids {string.Join(',', zxids.Select(z => $"{z:x}"))}; expected 1..0x{lastZxid:x} in order";
    }

    private void Report(ToolsWorkload workload, List<string> failures)
    {
        if (failures.Count == 0)
            return;
        fixture.Keep = true;
        Assert.Fail($"{string.Join("\n\n", failures)}\n\n(dataDirs kept in {workload.WorkDir})\n--- java writer ---\n{workload.Java.ServerLog}\n--- zkcompat writer ---\n{workload.ZkCompat.ServerLog}");
    }
}
