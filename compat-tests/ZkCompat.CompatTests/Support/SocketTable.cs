using System.Diagnostics;

namespace ZkCompat.CompatTests.Support;

/// <summary>
/// The kernel's view of a server's client port through iproute2's <c>ss</c>: what any process on
/// the machine sees, whichever server holds the sockets.
/// </summary>
internal static class SocketTable
{
    private static readonly TimeSpan s_bound = TimeSpan.FromSeconds(10);

    /// <summary>The backlog the listening socket on <paramref name="port"/> was given (Send-Q of <c>ss -ltn</c>).</summary>
    public static async Task<int> ListenBacklogAsync(int port)
    {
        var lines = await RunAsync("-ltnH", $"( sport = :{port} )");
        var line = Assert.Single(lines);
        // State Recv-Q Send-Q Local Peer
        return int.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[2], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>One line per established socket on the server's side of <paramref name="port"/>, with its timers (<c>ss -tno</c>).</summary>
    public static Task<List<string>> ServerConnectionsAsync(int port) =>
        RunAsync("-tnoH", "state", "established", $"( sport = :{port} )");

    private static async Task<List<string>> RunAsync(params string[] args)
    {
        var info = new ProcessStartInfo("ss") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("ss did not start (iproute2 is needed)");
        using var deadline = new CancellationTokenSource(s_bound);
        var output = process.StandardOutput.ReadToEndAsync(deadline.Token);
        var errors = process.StandardError.ReadToEndAsync(deadline.Token);
        await process.WaitForExitAsync(deadline.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"ss {string.Join(' ', args)} exited with {process.ExitCode}: {await errors}");
        }

        return [.. (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
    }
}
