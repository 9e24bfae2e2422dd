using System.Globalization;
using System.Text.RegularExpressions;
using ZkCompat.Server.Options;

namespace ZkCompat.Server.Host.Config;

/// <summary>The few java.lang behaviours QuorumPeerConfig leans on, so server lines split and parse as in Java.</summary>
internal static partial class JavaSyntax
{
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

    /// <summary>
    /// Double.parseDouble for decimal text: Java's trim, an optional sign, digits with an optional
    /// point and exponent and an optional f/F/d/D suffix, or NaN / Infinity (case as written).
    /// False when Java would throw NumberFormatException. Hexadecimal floats ("0x1p-2"), which
    /// Java also reads, are <see cref="IsHexFloat"/> and not read here.
    /// </summary>
    public static bool TryParseDouble(string text, out double value)
    {
        value = 0;
        var trimmed = text.Trim(s_javaWhitespace);
        var negative = trimmed.StartsWith('-');
        var body = trimmed.Length > 0 && trimmed[0] is '-' or '+' ? trimmed[1..] : trimmed;
        if (body is "NaN" or "Infinity")
        {
            value = body == "NaN" ? double.NaN : negative ? double.NegativeInfinity : double.PositiveInfinity;
            return true;
        }

        if (body.Length > 1 && body[^1] is 'f' or 'F' or 'd' or 'D')
            body = body[..^1];
        if (!DecimalFloat().IsMatch(body))
            return false;
        value = double.Parse(body, NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture);
        value = negative ? -value : value;
        return true;
    }

    /// <summary>Boolean.getBoolean: true only for "true" in any case.</summary>
    public static bool GetBoolean(string? text) => string.Equals(text, "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>A hexadecimal floating-point literal, which Double.parseDouble reads and we do not.</summary>
    public static bool IsHexFloat(string text) => HexFloat().IsMatch(text.Trim(s_javaWhitespace));

    private static readonly char[] s_javaWhitespace = [.. Enumerable.Range(0, 33).Select(c => (char)c)];

    [GeneratedRegex(@"^([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex DecimalFloat();

    [GeneratedRegex(@"^[+-]?0[xX][0-9a-fA-F]*\.?[0-9a-fA-F]*[pP][+-]?[0-9]+[fFdD]?$", RegexOptions.CultureInvariant)]
    private static partial Regex HexFloat();

    /// <summary>Integer.getInteger's Integer.decode: decimal, 0x/0X/# hex, or a leading 0 for octal; null when unreadable.</summary>
    public static int? Decode(string? text) =>
        JavaNumbers.DecodeLong(text) is { } value && value is >= int.MinValue and <= int.MaxValue ? (int)value : null;
}
