using System.Text;
using Xunit.Abstractions;
using ZkCompat.CompatTests.Support;

namespace ZkCompat.CompatTests.Durability;

/// <summary>
/// Java ZooKeeper 3.8.0's TxnLogToolkit repairs dataDirs ZkCompat wrote as it repairs Java's, and both
/// servers start on the result and serve the same tree: every change acknowledged up to the cut (chop)
/// or all of them with the repaired entry's data (recover). The dataDirs are those of
/// <see cref="JavaToolsReadTests"/>' workload, one of each writer; every repaired dataDir is served by
/// Java and by ZkCompat, each on its own copy.
/// </summary>
[Collection(SharedToolsWorkload.Name)]
public sealed class JavaToolsRepairTests(JavaToolsFixture fixture, ITestOutputHelper output)
{
    private const string FlipPath = ToolsWorkload.Root + "/flip";
    private static readonly byte[] FlipMarker = Encoding.ASCII.GetBytes("flip-me:0123456789abcdef");
    private static readonly string[] Both = ["java", "zkcompat"]; // the writers, and the servers on each repaired dataDir

    // Java compares the tree digest logged with each txn (TxnDigest, which ZkCompat writes too) with its
    // own after applying the txn on replay, and logs the first mismatch (with the txn) and a rate-limited warning.
    private const string FirstMismatch = "First digest mismatch on txn";
    private const string Mismatches = "Digests are not matching";

    /// <summary>
    /// TxnLogToolkit --chop --zxid C on the log holding C; later logs and snapshots removed, as one rolls a
    /// dataDir back with it. Both servers serve exactly the changes acknowledged up to C, and write a
    /// snapshot of C at start: Java's and ZkCompat's of one history print the same in every
    /// SnapshotFormatter mode and SnapshotComparer finds no difference; Java's of Java's history and
    /// ZkCompat's of ZkCompat's print the same after normalising times and session ids. Java replaying
    /// either writer's chopped log finds every logged tree digest right.
    /// </summary>
    [Theory]
    [MemberData(nameof(ToolsVariants.All), MemberType = typeof(ToolsVariants))]
    public async Task ChoppedLog_BothServersServeTheTreeUpToTheCut(string variant)
    {
        var workload = await fixture.WrittenAsync(variant);
        var failures = new List<string>();
        if (ToolsRepair.ChopZxid(workload) is not { } cut)
        {
            Report(workload, ["no zxid lies three or more txns into a log of both writers and before its end; the workload is too short for the chop"]);
            return;
        }

        output.WriteLine($"chop at 0x{cut:x}");
        var snapshots = new Dictionary<(string Writer, string Server), FormattedSnapshot>();
        foreach (var writer in Both)
        {
            var folder = fixture.NewFolder($"chop-{writer}");
            var chopped = Path.Combine(folder, "chopped");
            var chop = await ToolsRepair.ChopAsync(workload.Of(writer).DataDir, chopped, cut);
            failures.AddRange(chop);
            if (chop.Count > 0)
                continue;
            output.WriteLine($"{writer}'s dataDir chopped: {DataDirFiles.Listing(chopped)}");
            var served = await ServeBothAsync(workload, chopped, folder, cut, cut, [], [FirstMismatch, Mismatches], failures);
            foreach (var s in served.Where(s => s.Snapshot is not null))
                snapshots[(writer, s.Server)] = (await FormattedSnapshot.FormatAsync([s.Snapshot!]))[0];
            if (served.FirstOrDefault(s => s.Server == "java") is { } java && java.LogCounts.Any(n => n != 0))
                failures.Add($"Java logged digest mismatches replaying {writer}'s chopped log ({FirstMismatch}: {java.LogCounts[0]}, {Mismatches}: {java.LogCounts[1]}):\n{java.ServerLog}");
        }

        foreach (var ((writer, server), snapshot) in snapshots)
        {
            failures.AddRange(snapshot.Problems(exact: true).Concat(snapshot.ContentProblems(workload.TreeAt(cut), ToolsWorkload.Root))
                .Select(p => $"{server} on {writer}'s chopped dataDir: {p}"));
        }

        foreach (var writer in Both)
        {
            if (snapshots.TryGetValue((writer, "java"), out var java) && snapshots.TryGetValue((writer, "zkcompat"), out var zk))
            {
                failures.AddRange(zk.DifferencesFrom(java, $"zkcompat on {writer}'s", $"java on {writer}'s"));
                failures.AddRange(await ToolsRepair.CompareAsync(java.File.Path, zk.File.Path));
            }
        }

        if (snapshots.TryGetValue(("java", "java"), out var javaOwn) && snapshots.TryGetValue(("zkcompat", "zkcompat"), out var zkOwn))
        {
            failures.AddRange(zkOwn.DifferencesFrom(javaOwn, "zkcompat's own", "java's own", workload.ZkCompat.Sessions, workload.Java.Sessions));
            failures.AddRange(await ToolsRepair.CompareAsync(javaOwn.File.Path, zkOwn.File.Path));
        }

        Report(workload, failures);
    }

    /// <summary>
    /// A byte flipped in the data of a log entry (the create of /tools/flip): TxnLogToolkit reports that
    /// entry's CRC error, --recover --yes rewrites the log with its CRC fixed, and both servers then
    /// serve every acknowledged change, with the flipped byte in that node's data, and the same tree.
    /// The txn's logged tree digest is that of the unflipped data: Java reports its first digest mismatch
    /// at that txn, for ZkCompat's log as for its own (so it does check ZkCompat's digests).
    /// </summary>
    [Theory]
    [MemberData(nameof(ToolsVariants.All), MemberType = typeof(ToolsVariants))]
    public async Task RecoveredLog_BothServersServeTheRepairedEntry(string variant)
    {
        var workload = await fixture.WrittenAsync(variant);
        var failures = new List<string>();
        var zxid = workload.CreateZxid(FlipPath);
        var flipped = (byte[])FlipMarker.Clone();
        flipped[0] ^= 0x20;
        foreach (var writer in Both)
        {
            var folder = fixture.NewFolder($"recover-{writer}");
            var damaged = Path.Combine(folder, "damaged");
            var damage = await ToolsRepair.DamageAsync(workload.Of(writer).DataDir, damaged, FlipMarker, zxid);
            failures.AddRange(damage);
            if (damage.Count > 0)
                continue;
            output.WriteLine($"{writer}'s dataDir with a flipped byte at 0x{zxid:x}: {DataDirFiles.Listing(damaged)}");
            // Jute's text form of the txn Java names in its first-mismatch line: path, then the data in hex.
            var flippedTxn = $"'{FlipPath},#{Convert.ToHexStringLower(flipped)}";
            var served = await ServeBothAsync(workload, damaged, folder, upto: null, snapshotZxid: null, [$"{FlipPath}={Convert.ToHexStringLower(flipped)}"],
                [FirstMismatch, flippedTxn], failures, copy => ToolsRepair.RecoverAsync(copy, zxid));
            if (served.FirstOrDefault(s => s.Server == "java") is { LogCounts: [var first, var txn] } java && (first != 1 || txn == 0))
                failures.Add($"Java should report its first digest mismatch at the repaired txn 0x{zxid:x} ({flippedTxn}) of {writer}'s log:\n{java.ServerLog}");
        }

        Report(workload, failures);
    }

    /// <summary>
    /// Java and ZkCompat, each on its own copy of <paramref name="dataDir"/> (prepared by
    /// <paramref name="prepare"/> when given), at the same time; their checks and tree dumps into <paramref name="failures"/>.
    /// </summary>
    private async Task<ServedDataDir[]> ServeBothAsync(ToolsWorkload workload, string dataDir, string folder, long? upto, long? snapshotZxid,
        IReadOnlyList<string> overrides, IReadOnlyList<string> countInLog, List<string> failures, Func<string, Task<IReadOnlyList<string>>>? prepare = null)
    {
        var runs = await Task.WhenAll(Both.Select(async server =>
        {
            var copy = DataDirFiles.CopyTo(dataDir, Path.Combine(folder, $"for-{server}"));
            var problems = prepare is null ? [] : await prepare(copy);
            return problems.Count > 0
                ? (Served: null, Problems: problems)
                : (Served: await ServedDataDir.ServeAsync(server, copy, workload, upto, snapshotZxid, overrides, countInLog), Problems: problems);
        }));
        failures.AddRange(runs.SelectMany(r => r.Problems));
        var served = runs.Select(r => r.Served);
        var both = served.OfType<ServedDataDir>().ToArray();
        foreach (var s in both)
        {
            output.WriteLine($"{s.Server} on {Path.GetFileName(folder)}: {s.Check?.Output.Trim()}; lines in its log with {string.Join(", ", countInLog.Zip(s.LogCounts, (t, n) => $"'{t}': {n}"))}");
            if (!s.Passed)
                failures.Add($"{s.Failure}\n{s.ServerLog}");
        }

        if (both.Length == 2 && both.All(s => s.Passed) && TreeDump.Difference(both[0].Dump, both[1].Dump, "java", "zkcompat") is { } difference)
            failures.Add($"Java and ZkCompat serve different trees from {folder}:\n{difference}");
        return both;
    }

    private void Report(ToolsWorkload workload, List<string> failures)
    {
        if (failures.Count == 0)
            return;
        fixture.Keep = true;
        Assert.Fail($"{string.Join("\n\n", failures)}\n\n(dataDirs kept in {workload.WorkDir})");
    }
}
