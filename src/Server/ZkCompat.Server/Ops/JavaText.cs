using System.Globalization;

namespace ZkCompat.Server.Ops;

/// <summary>Numbers and dates the way Java's toString prints them, so scrapers read our text as Java's.</summary>
internal static class JavaText
{
    /// <summary>Double.toString for the values we print: always a decimal point (5 → "5.0").</summary>
    public static string Double(double value)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.Contains('.', StringComparison.Ordinal) || text.Contains('E', StringComparison.Ordinal) ? text : text + ".0";
    }

    /// <summary>java.util.Date.toString in UTC: "Sun Nov 22 07:09:19 UTC 2026".</summary>
    public static string Date(DateTimeOffset time) =>
        time.UtcDateTime.ToString("ddd MMM dd HH:mm:ss 'UTC' yyyy", CultureInfo.InvariantCulture);

    public static string Hex(long value) => "0x" + value.ToString("x", CultureInfo.InvariantCulture);
}
