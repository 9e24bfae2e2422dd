using System.Globalization;

namespace ZkCompat.CompatTests.Support;

/// <summary>
/// The machine's TCP sockets as /proc/net/tcp and tcp6 list them (Java's and .NET's sockets on
/// 127.0.0.1 are often IPv6 ones): ports, state, and which timer is pending. An established, idle
/// socket with SO_KEEPALIVE has its keepalive timer pending (2); one without has none (0), unless
/// data is in flight (1, retransmit).
/// </summary>
internal sealed record ProcNetTcp(int LocalPort, int RemotePort, bool Established, int Timer)
{
    public const int KeepAliveTimer = 2;
    public const int RetransmitTimer = 1;

    public static List<ProcNetTcp> Read()
    {
        var sockets = new List<ProcNetTcp>();
        foreach (var file in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            foreach (var line in File.ReadLines(file).Skip(1))
            {
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                sockets.Add(new ProcNetTcp(Port(fields[1]), Port(fields[2]), fields[3] == "01", int.Parse(fields[5][..2], NumberStyles.HexNumber, CultureInfo.InvariantCulture)));
            }
        }

        return sockets;
    }

    public override string ToString() => $"{LocalPort}->{RemotePort} timer {Timer}";

    private static int Port(string address) => int.Parse(address[(address.IndexOf(':', StringComparison.Ordinal) + 1)..], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
}
