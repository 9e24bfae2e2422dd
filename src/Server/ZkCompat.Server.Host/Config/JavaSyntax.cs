using System.Globalization;
using System.Text.RegularExpressions;

namespace ZkCompat.Server.Host.Config;

/// <summary>The few java.lang behaviours QuorumPeerConfig leans on, so server lines split and parse as in Java.</summary>
internal static partial class JavaSyntax
{
    /// <summary>What String.trim drops: every character up to and including the space.</summary>
    private static readonly char[] s_javaWhitespace = [.. Enumerable.Range(0, 33).Select(c => (char)c)];

    /// <summary>String.split on one character: trailing empty strings are dropped, so "a:b:" gives two parts and ":" none.</summary>
    public static string[] Split(string text, char separator)
    {
        var parts = text.Split(separator);
        if (parts.Length == 1)
            return parts;
        var count = parts.Length;
        while (count > 0 && parts[count - 1].Length == 0)
            count--;
        return parts[..count];
    }

    /// <summary>
    /// ConfigUtils.getHostAndPort: "[v6]:p:q" gives the bracketed host and the parts after it (the
    /// character after ']' is skipped unread, as in Java); anything else splits on ':'.
    /// </summary>
    public static string[] HostAndPort(string text)
    {
        if (!text.StartsWith('['))
            return Split(text, ':');
        var close = text.IndexOf(']', StringComparison.Ordinal);
        if (close < 0)
            throw new ConfigException($"{text} starts with '[' but has no matching ']:'");
        if (close + 2 == text.Length)
            throw new ConfigException($"{text} doesn't have a port after colon");
        if (close + 2 > text.Length)
            return [text.Replace("[", "", StringComparison.Ordinal).Replace("]", "", StringComparison.Ordinal)];
        return [text[1..close], .. Split(text[(close + 2)..], ':')];
    }

    /// <summary>Long.parseLong: an optional sign, then decimal digits; no spaces.</summary>
    public static bool TryParseLong(string? text, out long value)
    {
        value = 0;
        return text is not null && text.Length > 0 && text[^1] is >= '0' and <= '9'
            && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>Integer.parseInt, as for ports and limits.</summary>
    public static bool TryParseInt(string text, out int value)
    {
        value = 0;
        return TryParseLong(text, out var wide) && wide is >= int.MinValue and <= int.MaxValue && (value = (int)wide) == wide;
    }

    /// <summary>Long.parseLong(text, 16), which also takes a sign.</summary>
    public static bool TryParseHexLong(string text, out long value)
    {
        value = 0;
        var negative = text.StartsWith('-');
        var digits = text.Length > 0 && text[0] is '-' or '+' ? text[1..] : text;
        if (digits.Length == 0 || !digits.All(Uri.IsHexDigit)
            || !ulong.TryParse(digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var magnitude)
            || magnitude > (negative ? 1UL << 63 : long.MaxValue))
            return false;
        value = negative ? (long)(0 - magnitude) : (long)magnitude;
        return true;
    }

    /// <summary>Integer.getInteger's Integer.decode: decimal, 0x/0X/# hex, or a leading 0 for octal; null when unreadable.</summary>
    public static int? Decode(string? text)
    {
        if (string.IsNullOrEmpty(text))
            return null;
        var negative = text[0] == '-';
        var body = text[0] is '-' or '+' ? text[1..] : text;
        var (digits, radix) = body switch
        {
            _ when body.StartsWith("0x", StringComparison.OrdinalIgnoreCase) => (body[2..], 16),
            _ when body.StartsWith('#') => (body[1..], 16),
            _ when body.StartsWith('0') && body.Length > 1 => (body[1..], 8),
            _ => (body, 10),
        };
        if (digits.Length == 0 || digits[0] is '-' or '+')
            return null;
        long result = 0;
        foreach (var c in digits)
        {
            var digit = Uri.IsHexDigit(c) ? Convert.ToInt32(c.ToString(), 16) : 99;
            if (digit >= radix || (result = result * radix + digit) > 1L << 31)
                return null;
        }

        result = negative ? -result : result;
        return result is >= int.MinValue and <= int.MaxValue ? (int)result : null;
    }

    /// <summary>Boolean.getBoolean: true only for "true" in any case.</summary>
    public static bool GetBoolean(string? text) => string.Equals(text, "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Double.parseDouble in its decimal forms: trimmed of control characters and spaces, a sign,
    /// then NaN, Infinity, or digits with an optional point and exponent and an f/F/d/D suffix.
    /// Java's hexadecimal form ("0x1.8p1") is not read.
    /// </summary>
    public static bool TryParseDouble(string text, out double value)
    {
        value = 0;
        var trimmed = text.Trim(s_javaWhitespace);
        if (!JavaDouble().IsMatch(trimmed))
            return false;
        var negative = trimmed[0] == '-';
        var body = trimmed.TrimStart('+', '-');
        value = body switch
        {
            "NaN" => double.NaN,
            "Infinity" => negative ? double.NegativeInfinity : double.PositiveInfinity,
            _ => double.Parse(trimmed.TrimEnd('f', 'F', 'd', 'D'), NumberStyles.Float, CultureInfo.InvariantCulture),
        };
        return true;
    }

    [GeneratedRegex("^[+-]?(NaN|Infinity|([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?[fFdD]?)$", RegexOptions.CultureInvariant)]
    private static partial Regex JavaDouble();
}
