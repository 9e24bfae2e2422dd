using System.Security.Cryptography;
using System.Text;

namespace ZkCompat.CompatTests.Differential;

/// <summary>
/// Turns the values two correct servers may legitimately disagree on into stable tokens, per scenario:
/// each distinct zxid becomes Z1, Z2, … in order of first appearance, and a zxid that appears after a
/// larger one is written <c>Z5(&lt;Z3)</c>, so a different commit order still shows; session ids become
/// S1, S2, …; times become T; the scenario's root path becomes <c>~</c>.
/// </summary>
internal sealed class Normalizer(string root)
{
    private const int InlineDataChars = 48;

    private readonly SortedDictionary<long, string> _zxids = [];
    private readonly Dictionary<long, string> _sessions = [];

    public string Zxid(long value)
    {
        if (value is 0 or -1)
            return value.ToString();
        if (_zxids.TryGetValue(value, out var known))
            return known;
        var token = $"Z{_zxids.Count + 1}";
        var nextLarger = _zxids.FirstOrDefault(kv => kv.Key > value);
        _zxids[value] = token;
        return nextLarger.Value is null ? token : $"{token}(<{nextLarger.Value})";
    }

    /// <summary>The token of a zxid without minting one (for descriptions of values the client chose).</summary>
    public string KnownZxid(long value) =>
        value is 0 or -1 ? value.ToString() : _zxids.TryGetValue(value, out var known) ? known : "Z?";

    public string Session(long value)
    {
        if (value == 0)
            return "0";
        if (!_sessions.TryGetValue(value, out var token))
        {
            token = $"S{_sessions.Count + 1}";
            _sessions[value] = token;
        }

        return token;
    }

    public static string Time(long ms) => ms == 0 ? "0" : "T";

    public string Path(string? path) => path switch
    {
        null => "null",
        _ when path == root => "~",
        _ => Escape(path.Replace(root + "/", "~/", StringComparison.Ordinal), quoting: false),
    };

    /// <summary>Short printable text is quoted; anything else is its length and a hash prefix.</summary>
    public static string Data(byte[]? data)
    {
        if (data is null)
            return "null";
        if (data.Length <= InlineDataChars && IsPrintableUtf8(data))
            return Quote(Encoding.UTF8.GetString(data));
        if (data.Length <= InlineDataChars / 2)
            return "0x" + Convert.ToHexStringLower(data);
        return $"<{data.Length} bytes sha256={Convert.ToHexStringLower(SHA256.HashData(data))[..12]}>";
    }

    public static string Quote(string text) => "\"" + Escape(text, quoting: true) + "\"";

    /// <summary>Control characters and lone surrogates as \uXXXX; other text as it is, so paths stay readable.</summary>
    public static string Escape(string text, bool quoting)
    {
        var sb = new StringBuilder();
        foreach (var c in text)
        {
            if (quoting && c is '"' or '\\')
                sb.Append('\\').Append(c);
            else if (char.IsControl(c) || char.IsSurrogate(c))
                sb.Append($"\\u{(int)c:x4}");
            else
                sb.Append(c);
        }

        return sb.ToString();
    }

    private static bool IsPrintableUtf8(byte[] data)
    {
        try
        {
            var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(data);
            return !text.Any(char.IsControl);
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }
}
