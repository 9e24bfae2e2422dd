using System.Globalization;

namespace ZkCompat.Quorum.Tests.Runtime;

/// <summary>
/// The machine's TCP sockets as /proc/net/tcp and tcp6 list them (.NET's dual-mode sockets are IPv6 ones): ports, state and which timer is
/// pending. A socket with SO_KEEPALIVE that is established and idle has its keepalive timer
/// pending (timer 2); one without has none (0), unless data is in flight (1).
/// </summary>
internal sealed record ProcNetTcp(int LocalPort, int RemotePort, bool Established, int Timer)
{
    public const int KeepAliveTimer = 2;

    public static List<ProcNetTcp> Read()
    {
        var sockets = new List<ProcNetTcp>();
        foreach (var line in File.ReadLines("/proc/net/tcp").Skip(1).Concat(File.ReadLines("/proc/net/tcp6").Skip(1)))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            sockets.Add(new ProcNetTcp(Port(fields[1]), Port(fields[2]), fields[3] == "01", int.Parse(fields[5][..2], NumberStyles.HexNumber, CultureInfo.InvariantCulture)));
        }

        return sockets;
    }

    private static int Port(string address) => int.Parse(address[(address.IndexOf(':', StringComparison.Ordinal) + 1)..], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
}
