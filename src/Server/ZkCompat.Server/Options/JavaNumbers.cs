namespace ZkCompat.Server.Options;

/// <summary>How Java's Integer.getInteger and Long.getLong read a number from a system property.</summary>
internal static class JavaNumbers
{
    /// <summary>
    /// Long.decode: an optional sign, then decimal, 0x/0X/# hex, or a leading 0 for octal, with no
    /// spaces and within the range of a long; null when Java would not read it (getLong then
    /// takes its default).
    /// </summary>
    public static long? DecodeLong(string? text)
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
        UInt128 magnitude = 0;
        foreach (var c in digits)
        {
            var digit = Uri.IsHexDigit(c) ? Uri.FromHex(c) : 99;
            if (digit >= radix || (magnitude = (magnitude * (uint)radix) + (uint)digit) > (UInt128)long.MaxValue + 1)
                return null;
        }

        if (negative)
            return magnitude == (UInt128)long.MaxValue + 1 ? long.MinValue : -(long)magnitude;
        return magnitude <= long.MaxValue ? (long)magnitude : null;
    }

    /// <summary><see cref="DecodeLong"/> as a Try method: false where Java would not read the text.</summary>
    public static bool TryDecodeLong(string? text, out long value)
    {
        value = DecodeLong(text) ?? 0;
        return DecodeLong(text) is not null;
    }
}
