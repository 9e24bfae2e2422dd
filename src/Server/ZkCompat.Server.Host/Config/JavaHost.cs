using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace ZkCompat.Server.Host.Config;

/// <summary>
/// The host text Java's InetSocketAddress.getHostString() gives for a host from a server line, which
/// is what QuorumServer.toString() writes into the config text: a host name as written, an IPv4
/// literal in dotted decimal, an IPv6 literal in Java's long form (::1 → 0:0:0:0:0:0:0:1).
/// </summary>
internal static class JavaHost
{
    public static string HostString(string host)
    {
        // InetAddress.getByName("") is the loopback address, named localhost.
        if (host.Length == 0)
            return "localhost";
        if (host.Contains(':', StringComparison.Ordinal))
            return IPv6(host) ?? host;
        return IPv4(host) ?? host;
    }

    /// <summary>The address to bind for a client host, as InetSocketAddress resolves it.</summary>
    public static IPAddress Resolve(string host, string what)
    {
        if (IPAddress.TryParse(host, out var literal))
            return literal;
        try
        {
            return Dns.GetHostAddresses(host).First();
        }
        catch (Exception e) when (e is SocketException or InvalidOperationException or ArgumentException)
        {
            throw new ConfigException($"{what}: '{host}' is not an address or a known host name", e);
        }
    }

    private static string? IPv6(string host)
    {
        var percent = host.IndexOf('%', StringComparison.Ordinal);
        var bare = percent < 0 ? host : host[..percent];
        if (!IPAddress.TryParse(bare, out var address) || address.AddressFamily != AddressFamily.InterNetworkV6)
            return null;
        var bytes = address.GetAddressBytes();
        var groups = Enumerable.Range(0, 8).Select(i => ((bytes[2 * i] << 8) | bytes[(2 * i) + 1]).ToString("x", CultureInfo.InvariantCulture));
        return string.Join(':', groups) + (percent < 0 ? "" : host[percent..]);
    }

    /// <summary>Java's IPv4 literal forms: one to four decimal parts, the last filling the remaining bytes.</summary>
    private static string? IPv4(string host)
    {
        var parts = host.Split('.');
        if (parts.Length > 4 || parts.Any(p => p.Length == 0 || p.Length > 10 || !p.All(char.IsAsciiDigit)))
            return null;
        var values = parts.Select(p => long.Parse(p, CultureInfo.InvariantCulture)).ToArray();
        var lastBytes = 5 - parts.Length;
        if (values[..^1].Any(v => v > 255) || values[^1] >= 1L << (8 * lastBytes))
            return null;
        var address = values[..^1].Aggregate(0L, (a, v) => (a << 8) | v);
        address = (address << (8 * lastBytes)) | values[^1];
        return string.Join('.', Enumerable.Range(0, 4).Select(i => ((address >> (8 * (3 - i))) & 0xff).ToString(CultureInfo.InvariantCulture)));
    }
}
