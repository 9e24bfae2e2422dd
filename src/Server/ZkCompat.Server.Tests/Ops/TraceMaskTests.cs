using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using ZkCompat.Server.Options;
using ZkCompat.Server.Tests.Support;

namespace ZkCompat.Server.Tests.Ops;

/// <summary>stmk and gtmk over a real socket (§8.1): stmk's 8-byte mask follows the word in the same write.</summary>
public class TraceMaskTests
{

    [Fact]
    public async Task Stmk_MaskInTheSameWrite_EchoesIt_AndGtmkReadsIt()
    {
        using var dir = new TempDir();
        await using var server = Start("*", dir);

        var answer = await AskAsync(server, [.. "stmk"u8, .. Mask(0x1f4)]);

        Assert.Equal("500", answer);
        Assert.Equal("500", await AskAsync(server, "gtmk"u8.ToArray()));
    }

    [Fact]
    public async Task Gtmk_Default_IsJavas306()
    {
        using var dir = new TempDir();
        await using var server = Start("*", dir);

        Assert.Equal("306", await AskAsync(server, "gtmk"u8.ToArray()));
    }

    [Fact]
    public async Task Stmk_MaskCutShort_ClosesWithoutAnswer()
    {
        using var dir = new TempDir();
        await using var server = Start("*", dir);

        var answer = await AskAsync(server, [.. "stmk"u8, 0, 0, 1], halfClose: true);

        Assert.Equal("", answer);
        Assert.Equal("306", await AskAsync(server, "gtmk"u8.ToArray()));
    }

    [Fact]
    public async Task Stmk_NotWhitelisted_SaysSo_AndKeepsTheMask()
    {
        using var dir = new TempDir();
        await using var server = Start("ruok", dir);

        var answer = await AskAsync(server, [.. "stmk"u8, .. Mask(7)]);

        Assert.Equal("stmk is not executed because it is not in the whitelist.\n", answer);
    }

    private static StandaloneServer Start(string whitelist, TempDir dir) => StandaloneServer.Start(new ServerOptions
    {
        TickTimeMs = 2000,
        ClientPort = 0,
        ClientPortAddress = IPAddress.Loopback,
        DataDir = dir.Path,
        DataLogDir = dir.Path,
        Properties = new Dictionary<string, string>
        {
            ["zookeeper.4lw.commands.whitelist"] = whitelist,
            ["zookeeper.forceSync"] = "no",
            ["zookeeper.admin.enableServer"] = "false",
        },
    }, NullLoggerFactory.Instance);

    private static byte[] Mask(long mask)
    {
        var bytes = new byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(bytes, mask);
        return bytes;
    }

    /// <summary>Sends the bytes in one write, then reads to the server's close.</summary>
    private static async Task<string> AskAsync(StandaloneServer server, byte[] bytes, bool halfClose = false)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await socket.ConnectAsync(server.Endpoint, deadline.Token);
        await socket.SendAsync(bytes, deadline.Token);
        if (halfClose)
            socket.Shutdown(SocketShutdown.Send);
        using var answer = new MemoryStream();
        var chunk = new byte[4096];
        int read;
        while ((read = await socket.ReceiveAsync(chunk, deadline.Token)) > 0)
            answer.Write(chunk, 0, read);
        return Encoding.ASCII.GetString(answer.ToArray());
    }
}
