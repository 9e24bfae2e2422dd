using System.Globalization;
using System.Text.RegularExpressions;

namespace ZkCompat.CompatTests.Durability;

/// <summary>
/// TxnLogToolkit's output for one log file, parsed: the header line, one entry per txn (an entry's
/// data is printed as text and may span lines), the "EOF reached after N txns." line, and in recovery
/// mode the "Recovery file ... has been written with N fixed CRC error(s)" line.
/// </summary>
internal sealed partial record TxnLogDump(string Header, IReadOnlyList<TxnLogEntry> Entries, string? End, string? Recovery, IReadOnlyList<string> Unexpected)
{
    public static TxnLogDump Parse(string stdout)
    {
        var lines = stdout.Split('\n');
        var entries = new List<TxnLogEntry>();
        var unexpected = new List<string>();
        string? end = null;
        string? recovery = null;
        foreach (var line in lines.Skip(1))
        {
            if (EntryLine().Match(line) is { Success: true } m)
                entries.Add(TxnLogEntry.From(m));
            else if (line.StartsWith("EOF reached after ", StringComparison.Ordinal))
                end = line;
            else if (line.StartsWith("Recovery file ", StringComparison.Ordinal))
                recovery = line;
            else if (entries.Count > 0 && end is null)
                entries[^1] = entries[^1] with { Body = entries[^1].Body + "\n" + line };
            else if (line.Length > 0)
                unexpected.Add(line);
        }

        return new TxnLogDump(lines[0], entries, end, recovery, unexpected);
    }

    /// <summary>The txn count the closing line states, or -1 without one.</summary>
    public int StatedCount => End is not null && EofLine().Match(End) is { Success: true } m ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : -1;

    /// <summary>Entries TxnLogToolkit printed with a CRC ERROR or CRC FIXED prefix (it prints the entry again without one).</summary>
    public IEnumerable<TxnLogEntry> Flagged => Entries.Where(e => e.Prefix.Length > 0);

    /// <summary>The entries as the log holds them (the prefixed repeats left out).</summary>
    public IEnumerable<TxnLogEntry> Txns => Entries.Where(e => e.Prefix.Length == 0);

    [GeneratedRegex(@"^(?:(?<prefix>CRC ERROR|CRC FIXED) - )?(?<time>.+?) session 0x(?<sid>[0-9a-f]+) cxid 0x(?<cxid>[0-9a-f]+) zxid 0x(?<zxid>[0-9a-f]+) (?<op>\S+) ?(?<body>.*)$")]
    internal static partial Regex EntryLine();

    [GeneratedRegex(@"^EOF reached after (\d+) txns\.$")]
    private static partial Regex EofLine();
}
