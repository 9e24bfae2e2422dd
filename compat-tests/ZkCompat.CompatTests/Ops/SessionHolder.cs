using System.Diagnostics;

namespace ZkCompat.CompatTests.Ops;

/// <summary>
/// A kazoo session that makes the state the ops commands report (nodes, an ephemeral, data and
/// child watches) and holds it open until disposed, so both servers are compared in the same state.
/// </summary>
internal sealed class SessionHolder : IAsyncDisposable
{
    private const string Script = """
        import sys
        from kazoo.client import KazooClient
        z = KazooClient(hosts=sys.argv[1], timeout=10.0)
        z.start(timeout=20)
        z.ensure_path("/ops/a/b")
        z.create("/ops/eph", b"x", ephemeral=True)
        z.get("/ops/a", watch=lambda e: None)
        z.get_children("/ops/a", watch=lambda e: None)
        z.exists("/ops/a/b", watch=lambda e: None)
        print("READY %x" % z.client_id[0], flush=True)
        sys.stdin.readline()
        z.stop()
        """;

    private static readonly TimeSpan s_ready = TimeSpan.FromSeconds(60);
    private readonly Process _process;

    private SessionHolder(Process process, long sessionId)
    {
        _process = process;
        SessionId = sessionId;
    }

    public long SessionId { get; }

    public static async Task<SessionHolder> StartAsync(string connectString)
    {
        var info = new ProcessStartInfo("/usr/bin/python3")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(Script);
        info.ArgumentList.Add(connectString);
        var process = Process.Start(info)!;
        using var deadline = new CancellationTokenSource(s_ready);
        var line = await process.StandardOutput.ReadLineAsync(deadline.Token);
        if (line is null || !line.StartsWith("READY ", StringComparison.Ordinal))
        {
            var error = await process.StandardError.ReadToEndAsync(deadline.Token);
            process.Kill(entireProcessTree: true);
            process.Dispose();
            throw new InvalidOperationException($"kazoo did not set up its session on {connectString}: {line}\n{error}");
        }

        return new SessionHolder(process, Convert.ToInt64(line["READY ".Length..], 16));
    }

    public async ValueTask DisposeAsync()
    {
        await _process.StandardInput.WriteLineAsync();
        await Support.ProcessTree.KillAsync(_process);
        _process.Dispose();
    }
}
