using System.Net.Sockets;
using System.Text;

namespace ZkCompat.CompatTests.Support;

/// <summary>Asks a server a four-letter word (PROTOCOL.md §8) on its client port and reads the answer to the close.</summary>
internal static class FourLetterWord
{
    private static readonly TimeSpan s_bound = TimeSpan.FromSeconds(5);

    /// <summary>The whole answer; throws on refusal, reset or when no close comes within the bound.</summary>
    public static async Task<string> AskAsync(string host, int port, string word)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        using var deadline = new CancellationTokenSource(s_bound);
        await socket.ConnectAsync(host, port, deadline.Token);
        await socket.SendAsync(Encoding.ASCII.GetBytes(word), deadline.Token);
        using var answer = new MemoryStream();
        var buffer = new byte[16384];
        int read;
        while ((read = await socket.ReceiveAsync(buffer, deadline.Token)) > 0)
        {
            answer.Write(buffer, 0, read);
        }

        return Encoding.ASCII.GetString(answer.ToArray());
    }

    /// <summary>The answer, or null when the port refused, reset or did not answer in time (a member that is down or starting).</summary>
    public static async Task<string?> TryAskAsync(string host, int port, string word)
    {
        try
        {
            return await AskAsync(host, port, word);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or IOException)
        {
            return null;
        }
    }

    /// <summary>The value of the <c>Mode:</c> line of a srvr or stat answer (leader, follower, observer, standalone), or null.</summary>
    public static string? Mode(string? answer)
    {
        if (answer is null)
        {
            return null;
        }

        foreach (var line in answer.Split('\n'))
        {
            if (line.StartsWith("Mode: ", StringComparison.Ordinal))
            {
                return line["Mode: ".Length..].Trim();
            }
        }

        return null;
    }
}
