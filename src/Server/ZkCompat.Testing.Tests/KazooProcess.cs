using System.Diagnostics;

namespace ZkCompat.Testing.Tests;

/// <summary>Runs kazoo/zk_client.py under Debian's python3 (where python3-kazoo lives); every read is bounded.</summary>
internal sealed class KazooProcess : IAsyncDisposable
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(60);
    private readonly Process _process;
    private readonly List<string> _stderr = [];

    private KazooProcess(string mode, string connectString, string? argument = null)
    {
        var info = new ProcessStartInfo("/usr/bin/python3")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "kazoo", "zk_client.py"));
        info.ArgumentList.Add(mode);
        info.ArgumentList.Add(connectString);
        if (argument is not null)
            info.ArgumentList.Add(argument);
        _process = new Process { StartInfo = info };
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (_stderr)
                    _stderr.Add(e.Data);
            }
        };
    }

    public static KazooProcess Start(string mode, string connectString, string? argument = null)
    {
        var kazoo = new KazooProcess(mode, connectString, argument);
        kazoo._process.Start();
        kazoo._process.BeginErrorReadLine();
        return kazoo;
    }

    /// <summary>The next line the script prints; fails the test with its stderr if none comes in time.</summary>
    public async Task<string> ReadLineAsync()
    {
        using var timeout = new CancellationTokenSource(s_wait);
        var line = await _process.StandardOutput.ReadLineAsync(timeout.Token);
        Assert.True(line is not null, $"kazoo said nothing more; stderr:\n{Stderr()}");
        return line!;
    }

    public Task ContinueAsync() => _process.StandardInput.WriteLineAsync("go");

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private string Stderr()
    {
        lock (_stderr)
            return string.Join('\n', _stderr);
    }
}
