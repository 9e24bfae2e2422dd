using System.Globalization;

namespace ZkCompat.CompatTests.Support;

/// <summary>mntr's <c>zk_key TAB value</c> lines (PROTOCOL.md §8.3), read by key without the zk_ prefix.</summary>
internal sealed class Mntr(Dictionary<string, string> values)
{
    /// <summary>Asks mntr (the server must whitelist it) and keeps its values; throws when the answer has none.</summary>
    public static async Task<Mntr> ReadAsync(string host, int port)
    {
        var answer = await FourLetterWord.AskAsync(host, port, "mntr");
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in answer.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            if (line.StartsWith("zk_", StringComparison.Ordinal) && tab > 0)
            {
                values[line[3..tab]] = line[(tab + 1)..];
            }
        }

        return values.Count > 0 ? new Mntr(values) : throw new InvalidDataException($"mntr answered '{answer}' (closed unanswered?)");
    }

    public long Long(string key) => long.Parse(Text(key), CultureInfo.InvariantCulture);

    public double Double(string key) => double.Parse(Text(key), CultureInfo.InvariantCulture);

    public override string ToString() => string.Join('\n', values.Select(v => $"{v.Key}={v.Value}"));

    private string Text(string key) =>
        values.TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"mntr has no zk_{key}:\n{this}");
}
