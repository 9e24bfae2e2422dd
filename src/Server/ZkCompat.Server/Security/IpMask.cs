using System.Net;
using System.Net.Sockets;

namespace ZkCompat.Server.Security;

/// <summary>An "ip" ACL id: a.b.c.d or a.b.c.d/bits, matched by prefix (§6.2).</summary>
internal readonly record struct IpMask(byte[] Network, int Bits)
{
    public static bool TryParse(string text, out IpMask mask)
    {
        mask = default;
        var slash = text.IndexOf('/');
        var addressText = slash < 0 ? text : text[..slash];
        if (!IPAddress.TryParse(addressText, out var address) || address.AddressFamily != AddressFamily.InterNetwork)
            return false;
        var bits = 32;
        if (slash >= 0 && (!int.TryParse(text.AsSpan(slash + 1), out bits) || bits < 0 || bits > 32))
            return false;
        mask = new IpMask(address.GetAddressBytes(), bits);
        return true;
    }

    public bool Contains(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
            address = address.MapToIPv4();
        if (address.AddressFamily != AddressFamily.InterNetwork)
            return false;
        var bytes = address.GetAddressBytes();
        for (var bit = 0; bit < Bits; bit++)
        {
            var m = 0x80 >> (bit % 8);
            if ((bytes[bit / 8] & m) != (Network[bit / 8] & m))
                return false;
        }

        return true;
    }
}
