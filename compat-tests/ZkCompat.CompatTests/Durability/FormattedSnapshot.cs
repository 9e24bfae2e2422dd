namespace ZkCompat.CompatTests.Durability;

/// <summary>SnapshotFormatter's three outputs for one snapshot file (plain, -d, -json), their checks and comparisons.</summary>
internal sealed record FormattedSnapshot(DataDirFiles.DataFile File, ToolRun Plain, ToolRun Data, ToolRun Json)
{
    public SnapshotListing PlainListing { get; } = SnapshotListing.Parse(Plain.Stdout);

    public SnapshotListing DataListing { get; } = SnapshotListing.Parse(Data.Stdout);

    /// <summary>Runs the formatter in its three modes on every file (two JVMs at a time).</summary>
    public static async Task<IReadOnlyList<FormattedSnapshot>> FormatAsync(IReadOnlyList<DataDirFiles.DataFile> files)
    {
        var args = files.SelectMany(f => new IReadOnlyList<string>[] { [f.Path], ["-d", f.Path], ["-json", f.Path] }).ToList();
        var runs = await JavaTools.RunAllAsync(JavaTools.SnapshotFormatter, args);
        return [.. files.Select((f, i) => new FormattedSnapshot(f, runs[3 * i], runs[(3 * i) + 1], runs[(3 * i) + 2]))];
    }

    /// <summary>
    /// What is wrong with the formatter's reading: a run that failed, output of an unexpected shape, a
    /// node count that is not the number of nodes listed, the three modes disagreeing on the nodes, their
    /// data or their sizes. <paramref name="exact"/>: the snapshot holds the tree at exactly its zxid (no
    /// node changed later), so "Last zxid" is the file's; Java's snapshots taken while serving are fuzzy.
    /// </summary>
    public IEnumerable<string> Problems(bool exact)
    {
        var name = File.Path;
        foreach (var run in new[] { Plain, Data, Json }.Where(r => !r.Clean))
            yield return $"{name}: SnapshotFormatter failed:\n{run.Describe()}";
        var plain = PlainListing;
        var data = DataListing;
        // The count is Java's DataTree.getNodeCount(), whose map holds the root twice (as "" and "/").
        if (plain.Count < 0 || plain.Count != plain.Nodes.Count + 1 || plain.Unexpected.Count > 0 || plain.LastZxid < 0)
            yield return $"{name}: the plain listing has count={plain.Count}, {plain.Nodes.Count} nodes, last zxid 0x{plain.LastZxid:x}, unexpected lines {string.Join(" | ", plain.Unexpected)}";
        if (data.Count != plain.Count || data.Unexpected.Count > 0)
            yield return $"{name}: -d lists count={data.Count} ({data.Nodes.Count} nodes), plain count={plain.Count}; unexpected {string.Join(" | ", data.Unexpected)}";
        if (exact ? plain.LastZxid != File.Zxid : plain.LastZxid < File.Zxid)
            yield return $"{name}: Last zxid 0x{plain.LastZxid:x} for a snapshot of 0x{File.Zxid:x}{(exact ? " taken at exactly that zxid" : "")}";

        var sizes = SnapshotJson.Sizes(Json.Stdout);
        if (sizes is null)
        {
            yield return $"{name}: -json printed no ncdu export: {Json.Stdout[..Math.Min(300, Json.Stdout.Length)]}";
            yield break;
        }

        var byPath = data.Nodes.ToDictionary(n => n.Path, StringComparer.Ordinal);
        foreach (var node in plain.Nodes)
        {
            var length = Field(node, "dataLength");
            if (!byPath.TryGetValue(node.Path, out var withData))
                yield return $"{name}: {node.Path} is in the plain listing, not in -d's";
            else if (!node.Fields.Where(f => !f.StartsWith("  dataLength = ", StringComparison.Ordinal))
                         .SequenceEqual(withData.Fields.Where(f => !f.StartsWith("  data = ", StringComparison.Ordinal))))
                yield return $"{name}: {node.Path}'s Stat differs between plain and -d";
            else if (Convert.FromBase64String(Field(withData, "data")).Length.ToString(System.Globalization.CultureInfo.InvariantCulture) != length)
                yield return $"{name}: {node.Path}: -d's data is not dataLength={length} bytes";
            if (!sizes.TryGetValue(node.Path, out var asize) || $"{asize}" != length)
                yield return $"{name}: {node.Path}: -json's asize is {(sizes.ContainsKey(node.Path) ? asize : "absent")}, dataLength={length}";
        }

        if (sizes.Count != plain.Nodes.Count)
            yield return $"{name}: -json lists {sizes.Count} nodes, plain {plain.Nodes.Count}";
    }

    /// <summary>
    /// Where -d's nodes under <paramref name="root"/> differ from <paramref name="expected"/> (path to data
    /// in hex): a node missing, one no change made, or other data.
    /// </summary>
    public IEnumerable<string> ContentProblems(IReadOnlyDictionary<string, string> expected, string root)
    {
        var listed = DataListing.Nodes
            .Where(n => n.Path == root || n.Path.StartsWith(root + "/", StringComparison.Ordinal))
            .ToDictionary(n => n.Path, n => Convert.ToHexStringLower(Convert.FromBase64String(Field(n, "data"))), StringComparer.Ordinal);
        var missing = expected.Keys.Where(p => !listed.ContainsKey(p)).Order(StringComparer.Ordinal).ToList();
        var extra = listed.Keys.Where(p => !expected.ContainsKey(p)).Order(StringComparer.Ordinal).ToList();
        var other = expected.Where(e => listed.TryGetValue(e.Key, out var data) && data != e.Value).Select(e => e.Key).Order(StringComparer.Ordinal).ToList();
        if (missing.Count + extra.Count + other.Count > 0)
            yield return $"{File.Path}: -d does not list the tree the changes acknowledged up to 0x{File.Zxid:x} made: " +
                         $"missing [{string.Join(", ", missing)}], made by no change [{string.Join(", ", extra)}], other data [{string.Join(", ", other)}]";
    }

    /// <summary>
    /// Where this snapshot's three outputs differ from <paramref name="other"/>'s: in canonical order only
    /// when both hold the same history (no names given); across two runs of the workload, with each
    /// run's session names, also ignoring times and session ids.
    /// </summary>
    public IEnumerable<string> DifferencesFrom(FormattedSnapshot other, string mine, string theirs, SessionNames? myNames = null, SessionNames? theirNames = null)
    {
        var acrossRuns = myNames is not null && theirNames is not null;
        string Text(SnapshotListing l, SessionNames? n) => acrossRuns ? l.AcrossRuns(n!) : l.Ordered();
        foreach (var (mode, a, b) in new[]
                 {
                     ("plain", Text(PlainListing, myNames), Text(other.PlainListing, theirNames)),
                     ("-d", Text(DataListing, myNames), Text(other.DataListing, theirNames)),
                     ("-json", SnapshotJson.Canonical(Json.Stdout) ?? "(no export)", SnapshotJson.Canonical(other.Json.Stdout) ?? "(no export)"),
                 })
        {
            if (a != b)
                yield return $"SnapshotFormatter {mode} differs{(acrossRuns ? " (after normalising times and session ids)" : " (nodes in canonical order)")}:\n" +
                             TextDifference.FirstLines(a, b, $"{mine} {File.Name}", $"{theirs} {other.File.Name}");
        }
    }

    private static string Field(SnapshotListing.Node node, string key) =>
        node.Fields.Select(f => f.Trim()).FirstOrDefault(f => f.StartsWith(key + " = ", StringComparison.Ordinal))?[(key.Length + 3)..] ?? "";
}
