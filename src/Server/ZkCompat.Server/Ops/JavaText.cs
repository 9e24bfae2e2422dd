using System.Globalization;

namespace ZkCompat.Server.Ops;

/// <summary>Numbers and dates the way Java's toString prints them, so scrapers read our text as Java's.</summary>
internal static class JavaText
{
    /// <summary>
    /// Double.toString: the shortest digits that read back, always with a decimal point (5 → "5.0"),
    /// plain from 10^-3 up to 10^7 and "d.dddE±n" outside that (0.0001 → "1.0E-4").
    /// </summary>
    public static string Double(double value)
    {
        if (double.IsNaN(value))
            return "NaN";
        if (double.IsInfinity(value))
            return value > 0 ? "Infinity" : "-Infinity";
        if (value == 0)
            return double.IsNegative(value) ? "-0.0" : "0.0";
        var abs = Math.Abs(value);
        var (digits, exponent) = ShortestDigits(abs);
        string text;
        if (abs is >= 1e-3 and < 1e7)
        {
            text = exponent >= 0
                ? digits.PadRight(exponent + 1, '0')[..(exponent + 1)] + "." + (digits.Length > exponent + 1 ? digits[(exponent + 1)..] : "0")
                : "0." + new string('0', -exponent - 1) + digits;
        }
        else
        {
            text = digits[..1] + "." + (digits.Length > 1 ? digits[1..] : "0") + "E" + exponent.ToString(CultureInfo.InvariantCulture);
        }

        return value < 0 ? "-" + text : text;
    }

    /// <summary>java.util.Date.toString in UTC: "Sun Nov 22 07:09:19 UTC 2026".</summary>
    public static string Date(DateTimeOffset time) =>
        time.UtcDateTime.ToString("ddd MMM dd HH:mm:ss 'UTC' yyyy", CultureInfo.InvariantCulture);

    public static string Hex(long value) => "0x" + value.ToString("x", CultureInfo.InvariantCulture);

    /// <summary>The shortest round-trip digits of a positive double, without leading or trailing zeros, and the power of ten of the first.</summary>
    private static (string Digits, int Exponent) ShortestDigits(double positive)
    {
        var text = positive.ToString("R", CultureInfo.InvariantCulture);
        var e = text.IndexOf('E', StringComparison.Ordinal);
        var exponent = e < 0 ? 0 : int.Parse(text[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var mantissa = e < 0 ? text : text[..e];
        var point = mantissa.IndexOf('.', StringComparison.Ordinal);
        var digits = mantissa.Replace(".", "", StringComparison.Ordinal);
        var pointAt = point < 0 ? mantissa.Length : point;
        var leading = digits.Length - digits.TrimStart('0').Length;
        digits = digits.Trim('0');
        return (digits.Length == 0 ? "0" : digits, pointAt - leading - 1 + exponent);
    }
}
