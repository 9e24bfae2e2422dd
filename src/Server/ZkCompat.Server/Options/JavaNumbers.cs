namespace ZkCompat.Server.Options;

/// <summary>Java's number parsing where a property is read with it, so odd values mean what they mean to Java.</summary>
internal static class JavaNumbers
{
    /// <summary>
    /// Java's Long.decode, as Long.getLong uses it: an optional sign, then 0x, 0X or # for hex, a
    /// leading 0 for octal, else decimal; no blanks, no second sign. False where Java throws.
    /// </summary>
    public static bool TryDecodeLong(string? text, out long value)
    {
        value = 0;
        if (string.IsNullOrEmpty(text))
            return false;
        var negative = text[0] == '-';
        var index = text[0] is '-' or '+' ? 1 : 0;
        var radix = 10;
        if (text.AsSpan(index).StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            radix = 16;
            index += 2;
        }
        else if (text.AsSpan(index).StartsWith("#"))
        {
            radix = 16;
            index++;
        }
        else if (text.AsSpan(index).StartsWith("0") && text.Length > index + 1)
        {
            radix = 8;
            index++;
        }

        var digits = text.AsSpan(index);
        if (digits.IsEmpty || digits[0] is '-' or '+')
            return false;
        return TryParse(digits, radix, negative, out value);
    }

    /// <summary>Accumulates as a negative number, as Java does, so Long.MIN_VALUE fits.</summary>
    private static bool TryParse(ReadOnlySpan<char> digits, int radix, bool negative, out long value)
    {
        value = 0;
        foreach (var c in digits)
        {
            var digit = char.IsAsciiDigit(c) ? c - '0' : char.IsAsciiLetter(c) ? char.ToLowerInvariant(c) - 'a' + 10 : radix;
            if (digit >= radix)
                return false;
            if (value < (long.MinValue + digit) / radix)
                return false;
            value = (value * radix) - digit;
        }

        if (!negative)
        {
            if (value == long.MinValue)
                return false;
            value = -value;
        }

        return true;
    }
}
