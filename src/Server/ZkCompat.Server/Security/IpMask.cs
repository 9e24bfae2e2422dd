using System.Globalization;

namespace ZkCompat.Server.Security;

/// <summary>
/// An "ip" ACL id: a.b.c.d or a.b.c.d/bits, matched by prefix (§6.2). Like Java 3.8, only dotted
/// IPv4 with exactly four parts is understood; an IPv6 client never matches an ip ACL.
/// </summary>
internal readonly record struct IpMask(byte[] Network, int Bits)
{
    public static bool TryParse(string text, out IpMask mask)
    {
        mask = default;
        var slash = text.IndexOf('/');
        if (!TryParseV4(slash < 0 ? text : text[..slash], out var network))
            return false;
        var bits = 32;
        if (slash >= 0 && (!TryParseJavaInt(text[(slash + 1)..], out bits) || bits < 0 || bits > 32))
            return false;
        mask = new IpMask(network, bits);
        return true;
    }

    public bool Contains(string address)
    {
        if (address.StartsWith("::ffff:", StringComparison.OrdinalIgnoreCase))
            address = address[7..];
        if (!TryParseV4(address, out var bytes))
            return false;
        for (var bit = 0; bit < Bits; bit++)
        {
            var m = 0x80 >> (bit % 8);
            if ((bytes[bit / 8] & m) != (Network[bit / 8] & m))
                return false;
        }

        return true;
    }

    private static bool TryParseV4(string text, out byte[] bytes)
    {
        bytes = new byte[4];
        var parts = text.Split('.');
        if (parts.Length != 4)
            return false;
        for (var i = 0; i < 4; i++)
        {
            if (!TryParseJavaInt(parts[i], out var value) || value is < 0 or > 255)
                return false;
            bytes[i] = (byte)value;
        }

        return true;
    }

    /// <summary>Integer.parseInt: optional sign, decimal digits, nothing else.</summary>
    private static bool TryParseJavaInt(string text, out int value) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
}
