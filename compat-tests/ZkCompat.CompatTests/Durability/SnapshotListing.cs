using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace ZkCompat.CompatTests.Durability;

/// <summary>
/// SnapshotFormatter's text output (plain or -d), parsed: "ZNode Details (count=N):", one block per
/// node (path, then "  field = value" lines) between "----" lines, "Session Details (sid, timeout,
/// ephemeralCount):" with one line per session, and "Last zxid: 0x..." (the larger of the file name's
/// zxid and the largest mzxid/pzxid of any node).
/// </summary>
internal sealed partial record SnapshotListing(int Count, IReadOnlyList<SnapshotListing.Node> Nodes, IReadOnlyList<string> Sessions, long LastZxid, IReadOnlyList<string> Unexpected)
{
    /// <summary>How Date.toString prints time 0 under UTC (JavaTools fixes the zone).</summary>
    private const string EpochDate = "Thu Jan 01 00:00:00 UTC 1970";

    public sealed record Node(string Path, IReadOnlyList<string> Fields);

    public static SnapshotListing Parse(string stdout)
    {
        var lines = stdout.Split('\n');
        var count = -1;
        long lastZxid = -1;
        var nodes = new List<Node>();
        var sessions = new List<string>();
        var unexpected = new List<string>();
        var section = "head";
        foreach (var line in lines)
        {
            if (CountLine().Match(line) is { Success: true } c)
                (count, section) = (int.Parse(c.Groups[1].Value, CultureInfo.InvariantCulture), "nodes");
            else if (line.StartsWith("Session Details ", StringComparison.Ordinal))
                section = "sessions";
            else if (LastZxidLine().Match(line) is { Success: true } z)
                lastZxid = long.Parse(z.Groups[1].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            else if (line == "----" || line.Length == 0)
            {
                if (section == "sessions")
                    section = "tail";
            }
            else if (section == "nodes" && line.StartsWith('/'))
                nodes.Add(new Node(line, []));
            else if (section == "nodes" && line.StartsWith("  ", StringComparison.Ordinal) && nodes.Count > 0)
                nodes[^1] = nodes[^1] with { Fields = [.. nodes[^1].Fields, line] };
            else if (section == "sessions")
                sessions.Add(line);
            else
                unexpected.Add(line);
        }

        return new SnapshotListing(count, nodes, sessions, lastZxid, unexpected);
    }

    /// <summary>
    /// The listing in a canonical order. The formatter walks each node's children in the order of the
    /// HashSet it rebuilt them into, which depends on the order the snapshot file lists nodes in, and the
    /// format leaves that order to the writer (Java writes its own HashSet order, ZkCompat its storage
    /// order); the sessions come from a HashMap keyed by id. A snapshot is a set of nodes and a set of sessions.
    /// </summary>
    public string Ordered() => Render(field => field, session => session);

    /// <summary>
    /// <see cref="Ordered"/>, and what two runs of the same workload legitimately differ in: ctime/mtime
    /// (wall clock; time 0, which the built-in nodes have, stays visible) and session ids (named by
    /// <paramref name="sessions"/>, from the same run's logs).
    /// </summary>
    public string AcrossRuns(SessionNames sessions) => Render(
        field => TimeField().Match(field) is { Success: true } t && t.Groups[2].Value != EpochDate
            ? $"  {t.Groups[1].Value} = <time>"
            : OwnerField().Match(field) is { Success: true } o ? $"  ephemeralOwner = {sessions.Name(Hex(o.Groups[1].Value))}" : field,
        session => SessionLine().Match(session) is { Success: true } s ? $"{sessions.Name(Hex(s.Groups[1].Value))}, {s.Groups[2].Value}" : session);

    private string Render(Func<string, string> field, Func<string, string> session)
    {
        var text = new StringBuilder().AppendLine(CultureInfo.InvariantCulture, $"count={Count} lastZxid=0x{LastZxid:x}");
        foreach (var node in Nodes.OrderBy(n => n.Path, StringComparer.Ordinal))
        {
            text.AppendLine(node.Path);
            foreach (var f in node.Fields)
                text.AppendLine(field(f));
        }

        text.AppendLine("sessions:");
        foreach (var s in Sessions.Select(session).Order(StringComparer.Ordinal))
            text.AppendLine(s);
        foreach (var u in Unexpected)
            text.AppendLine(CultureInfo.InvariantCulture, $"unexpected: {u}");
        return text.ToString();
    }

    private static long Hex(string digits) => long.Parse(digits, NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^ZNode Details \(count=(\d+)\):$")]
    private static partial Regex CountLine();

    [GeneratedRegex(@"^Last zxid: 0x([0-9a-f]+)$")]
    private static partial Regex LastZxidLine();

    [GeneratedRegex(@"^  ([cm]time) = (.*)$")]
    private static partial Regex TimeField();

    [GeneratedRegex(@"^  ephemeralOwner = 0x([0-9a-f]+)$")]
    private static partial Regex OwnerField();

    [GeneratedRegex(@"^0x([0-9a-f]+), (\d+, \d+)$")]
    private static partial Regex SessionLine();
}
