namespace ZkCompat.Server.Host.Config;

/// <summary>
/// Reads a file the way java.util.Properties does (PROTOCOL.md §9.1): key=value, key:value or
/// key value; # and ! comments; a trailing backslash continues the line. Keeps line numbers.
/// </summary>
internal static class PropertiesFile
{
    public static List<(string Key, string Value, int Line)> Parse(IEnumerable<string> lines)
    {
        var entries = new List<(string, string, int)>();
        var number = 0;
        string? pending = null;
        var pendingLine = 0;
        foreach (var raw in lines)
        {
            number++;
            var line = raw.TrimStart();
            if (pending is null && (line.Length == 0 || line[0] is '#' or '!'))
                continue;
            if (pending is null)
                pendingLine = number;
            var continues = EndsWithOddBackslashes(line);
            pending = (pending ?? "") + (continues ? line[..^1] : line);
            if (continues)
                continue;
            entries.Add(Split(pending, pendingLine));
            pending = null;
        }

        if (pending is not null)
            entries.Add(Split(pending, pendingLine));
        return entries;
    }

    private static (string, string, int) Split(string line, int number)
    {
        var end = 0;
        while (end < line.Length && line[end] is not ('=' or ':' or ' ' or '\t' or '\f'))
            end += line[end] == '\\' ? 2 : 1;
        end = Math.Min(end, line.Length);
        var key = line[..end];
        var rest = line[end..].TrimStart(' ', '\t', '\f');
        if (rest.Length > 0 && rest[0] is '=' or ':')
            rest = rest[1..];
        return (Unescape(key.Trim()), Unescape(rest.Trim()), number);
    }

    /// <summary>Java's escapes: \t \n \r \f, \uXXXX, and a backslash before anything else is dropped.</summary>
    private static string Unescape(string text)
    {
        if (!text.Contains('\\', StringComparison.Ordinal))
            return text;
        var result = new System.Text.StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '\\' || i == text.Length - 1)
            {
                result.Append(text[i]);
                continue;
            }

            var c = text[++i];
            if (c == 'u' && i + 4 < text.Length && ushort.TryParse(text.AsSpan(i + 1, 4), System.Globalization.NumberStyles.HexNumber, null, out var code))
            {
                result.Append((char)code);
                i += 4;
                continue;
            }

            result.Append(c switch { 't' => '\t', 'n' => '\n', 'r' => '\r', 'f' => '\f', _ => c });
        }

        return result.ToString();
    }

    private static bool EndsWithOddBackslashes(string line)
    {
        var count = 0;
        for (var i = line.Length - 1; i >= 0 && line[i] == '\\'; i--)
            count++;
        return count % 2 == 1;
    }
}
