namespace ZkCompat.CompatTests.Durability;

/// <summary>
/// The repairs <see cref="JavaToolsRepairTests"/> makes with TxnLogToolkit, and SnapshotComparer's
/// verdict. Each step returns what went wrong (empty: it did what Java's tools do on Java's files).
/// </summary>
internal static class ToolsRepair
{
    /// <summary>
    /// A zxid to chop both writers' logs at: at least three txns into a log of each (so each server
    /// replays a few txns after its newest snapshot and ZkCompat writes a startup snapshot) and before
    /// that log's last txn (LogChopper cuts only a log that goes on past the zxid). The one nearest the
    /// middle of the history; null when there is none.
    /// </summary>
    public static long? ChopZxid(ToolsWorkload workload)
    {
        static HashSet<long> Valid(ToolsWorkload.Written side) =>
        [
            .. side.LogDumps.Select(d => d.Txns.Select(t => t.Zxid).ToList())
                .Where(z => z.Count > 0)
                .SelectMany(z => z.Where(x => x >= z[0] + 3 && x < z[^1])),
        ];
        var both = Valid(workload.Java);
        both.IntersectWith(Valid(workload.ZkCompat));
        return both.Count == 0 ? null : both.OrderBy(z => Math.Abs(z - (workload.LastZxid / 2))).First();
    }

    /// <summary>
    /// Copies the dataDir to <paramref name="target"/>, chops the log holding <paramref name="cut"/> there
    /// (LogChopper writes log.N.chopped&lt;cut in decimal&gt;, which replaces the log) and removes the later
    /// logs and snapshots: the dataDir as it was at <paramref name="cut"/>.
    /// </summary>
    public static async Task<IReadOnlyList<string>> ChopAsync(string dataDir, string target, long cut)
    {
        DataDirFiles.CopyTo(dataDir, target);
        var log = DataDirFiles.Logs(target).Last(l => l.Zxid <= cut);
        var run = await JavaTools.RunAsync(JavaTools.TxnLogToolkit, ["--chop", "--zxid", $"0x{cut:x}", log.Path]);
        var said = $"Chopping at {cut:x} new log has {cut - log.Zxid + 1} records";
        var chopped = $"{log.Path}.chopped{cut}";
        if (!run.Clean || !run.Stdout.Contains(said, StringComparison.Ordinal) || !File.Exists(chopped))
            return [$"TxnLogToolkit did not chop {log.Path} at 0x{cut:x} (expected '{said}' and {Path.GetFileName(chopped)}):\n{run.Describe()}"];

        File.Move(chopped, log.Path, overwrite: true);
        foreach (var later in DataDirFiles.Logs(target).Concat(DataDirFiles.Snapshots(target)).Where(f => f.Zxid > cut))
            File.Delete(later.Path);
        return [];
    }

    /// <summary>
    /// Copies the dataDir to <paramref name="target"/> and flips one byte of <paramref name="marker"/>, the
    /// data of the txn <paramref name="zxid"/>, inside its log entry; TxnLogToolkit must then report exactly
    /// that entry's CRC. Snapshots from zxid-1 on are removed so that the servers replay the entry (Java's
    /// fuzzy snapshot named zxid-1 may already hold it).
    /// </summary>
    public static async Task<IReadOnlyList<string>> DamageAsync(string dataDir, string target, byte[] marker, long zxid)
    {
        DataDirFiles.CopyTo(dataDir, target);
        var hits = DataDirFiles.Logs(target)
            .SelectMany(l => Occurrences(File.ReadAllBytes(l.Path), marker).Select(at => (Log: l, At: at)))
            .ToList();
        if (hits.Count != 1)
            return [$"the marker is {hits.Count} times in the logs of {target}; expected once (the create of the node holding it)"];

        var (log, at) = hits[0];
        var bytes = File.ReadAllBytes(log.Path);
        bytes[at] ^= 0x20;
        File.WriteAllBytes(log.Path, bytes);
        foreach (var snapshot in DataDirFiles.Snapshots(target).Where(s => s.Zxid >= zxid - 1))
            File.Delete(snapshot.Path);

        var run = await JavaTools.RunAsync(JavaTools.TxnLogToolkit, [log.Path]);
        var flagged = TxnLogDump.Parse(run.Stdout).Flagged.ToList();
        return run.Clean && flagged is [{ Prefix: "CRC ERROR" } entry] && entry.Zxid == zxid
            ? []
            : [$"TxnLogToolkit should report one CRC ERROR, at 0x{zxid:x}, in {log.Path}:\n{run.Describe()}"];
    }

    /// <summary>
    /// TxnLogToolkit --recover --yes on the log holding <paramref name="zxid"/>: it must fix exactly that
    /// entry's CRC and write log.N.fixed, which then replaces the log.
    /// </summary>
    public static async Task<IReadOnlyList<string>> RecoverAsync(string dataDir, long zxid)
    {
        var log = DataDirFiles.Logs(dataDir).Last(l => l.Zxid <= zxid);
        var run = await JavaTools.RunAsync(JavaTools.TxnLogToolkit, ["--recover", "--yes", log.Path]);
        var dump = TxnLogDump.Parse(run.Stdout);
        var fixedLog = $"{log.Path}.fixed";
        var said = $"Recovery file {fixedLog} has been written with 1 fixed CRC error(s)";
        if (!run.Clean || dump.Flagged.ToList() is not [{ Prefix: "CRC FIXED" } entry] || entry.Zxid != zxid || dump.Recovery != said || !File.Exists(fixedLog))
            return [$"TxnLogToolkit --recover should fix the entry 0x{zxid:x} of {log.Path} and say '{said}':\n{run.Describe()}"];

        File.Move(fixedLog, log.Path, overwrite: true);
        return [];
    }

    /// <summary>
    /// SnapshotComparer with both thresholds 0, which prints every node whose subtree differs in node
    /// count or data size: there must be none, and the two trees' summaries (node count, total size,
    /// count per depth) must be the same.
    /// </summary>
    public static async Task<IReadOnlyList<string>> CompareAsync(string left, string right)
    {
        var run = await JavaTools.RunAsync(JavaTools.SnapshotComparer, ["-l", left, "-r", right, "-b", "0", "-n", "0"]);
        var lines = run.Lines;
        string[] summaryStarts = ["Node count: ", "Total size: ", "Max depth: ", "Count of nodes at depth "];
        var summaries = lines.Where(l => summaryStarts.Any(s => l.StartsWith(s, StringComparison.Ordinal))).ToList();
        var half = summaries.Count / 2;
        var differences = lines.Where(l => l.Contains(" found only in ", StringComparison.Ordinal) || l.Contains(" found in both trees", StringComparison.Ordinal)).ToList();
        if (run.Clean && summaries.Count > 0 && summaries.Count % 2 == 0 && summaries[..half].SequenceEqual(summaries[half..])
            && differences.Count == 0 && lines.Contains("All layers compared."))
            return [];
        return [$"SnapshotComparer finds {Path.GetFileName(left)} ({left}) and {Path.GetFileName(right)} ({right}) different:\n{run.Describe()}"];
    }

    private static IEnumerable<int> Occurrences(byte[] haystack, byte[] needle)
    {
        for (var at = haystack.AsSpan().IndexOf(needle); at >= 0;)
        {
            yield return at;
            var next = haystack.AsSpan(at + 1).IndexOf(needle);
            at = next < 0 ? -1 : at + 1 + next;
        }
    }
}
