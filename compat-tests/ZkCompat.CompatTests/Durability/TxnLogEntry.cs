using System.Globalization;
using System.Text.RegularExpressions;

namespace ZkCompat.CompatTests.Durability;

/// <summary>One txn as TxnLogToolkit prints it: "TIME session 0xS cxid 0xC zxid 0xZ OP BODY".</summary>
internal sealed record TxnLogEntry(string Prefix, string Time, long Session, long Cxid, long Zxid, string Op, string Body)
{
    /// <summary>How DateFormat SHORT/LONG prints time 0 under en-US and UTC (JavaTools fixes both).</summary>
    private const string EpochTime = "1/1/70, 12:00:00 AM UTC";

    public static TxnLogEntry From(Match m) => new(
        m.Groups["prefix"].Value,
        m.Groups["time"].Value,
        Hex(m.Groups["sid"].Value),
        Hex(m.Groups["cxid"].Value),
        Hex(m.Groups["zxid"].Value),
        m.Groups["op"].Value,
        m.Groups["body"].Value);

    /// <summary>The entry as printed, but for what two runs of the same workload legitimately differ in.</summary>
    public string Normalised(SessionNames sessions)
    {
        // The txn header's time is the wall clock of the run; only time 0 (never a real txn's) is kept visible.
        var time = Time == EpochTime ? "<epoch>" : "<time>";
        // A session id is the server's start time shifted into the id, different on every run; they are
        // named in order of first appearance (createSession), the same order for the same workload.
        var body = Op == "closeSession" ? SortedPaths(Body) : Body;
        return $"{Prefix}{time} {sessions.Name(Session)} cxid 0x{Cxid:x} zxid 0x{Zxid:x} {Op} {body}";
    }

    /// <summary>
    /// closeSession's CloseSessionTxn lists the session's ephemerals in the order of Java's HashSet of
    /// them: a set. Every path is deleted under the same zxid, and the tree after the txn (each parent's
    /// cversion and pzxid included) is the same in any order, so the list is compared sorted.
    /// </summary>
    private static string SortedPaths(string body)
    {
        if (!body.StartsWith("v{", StringComparison.Ordinal) || !body.EndsWith('}') || body.Length <= 3)
            return body;
        // Jute's CSV text escapes ',' inside strings (%2C), so a comma always separates items.
        var items = body[2..^1].Split(',').Order(StringComparer.Ordinal);
        return "v{" + string.Join(',', items) + "}";
    }

    private static long Hex(string digits) => long.Parse(digits, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
}
