using System.Net;
using System.Net.Sockets;

namespace ZkCompat.CompatTests.Support;

/// <summary>Finds a loopback port nobody is using right now (bind port 0, read it, release it).</summary>
internal static class FreePort
{
    public static int Next()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }
}
