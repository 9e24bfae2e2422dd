using System.Diagnostics;
using System.Text;
using ZkCompat.CompatTests.Support;

namespace ZkCompat.CompatTests.Durability;

/// <summary>
/// A long-running client script from clients/durability/ (Debian's /usr/bin/python3 with kazoo) whose
/// stdout lines the test reacts to while it runs: wait for READY, count ACK lines, kill a server at
/// the N-th. The whole process is bounded by coreutils' timeout as well as by every wait here.
/// </summary>
internal sealed class ScriptProcess : IAsyncDisposable
{
    private const string Python = "/usr/bin/python3";
    private static readonly TimeSpan MaxLifetime = TimeSpan.FromMinutes(5);
    private const int OutputLines = 400;

    private readonly Process _process;
    private readonly Lock _gate = new();
    private readonly LinkedList<string> _log = new(); // stderr and the non-ACK stdout lines, newest last
    private readonly List<string> _stdout = [];
    private readonly List<Waiter> _waiters = [];
    private readonly Stopwatch _age = Stopwatch.StartNew();
    private bool _stdoutClosed;

    private ScriptProcess(string scriptPath, IReadOnlyList<string> args)
    {
        var info = new ProcessStartInfo("timeout")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("--kill-after=5");
        info.ArgumentList.Add($"{(int)MaxLifetime.TotalSeconds}");
        info.ArgumentList.Add(Python);
        info.ArgumentList.Add(scriptPath);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        CommandLine = string.Join(' ', info.ArgumentList.Skip(2));
        _process = new Process { StartInfo = info };
        _process.OutputDataReceived += (_, e) => OnStdout(e.Data);
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                Log(e.Data);
            }
        };
    }

    public string CommandLine { get; }

    public int? ExitCode => _process.HasExited ? _process.ExitCode : null;

    /// <summary>Starts clients/durability/<paramref name="script"/>.</summary>
    public static ScriptProcess Start(string script, IReadOnlyList<string> args) => StartClient(Path.Combine("durability", script), args);

    /// <summary>Starts a script given relative to the output's clients/ folder, e.g. <c>ensemble/ensemble_client.py</c>.</summary>
    public static ScriptProcess StartClient(string script, IReadOnlyList<string> args)
    {
        if (!File.Exists(Python))
        {
            throw new InvalidOperationException($"{Python} is missing: apt-get install python3-kazoo.");
        }

        var process = new ScriptProcess(Path.Combine(AppContext.BaseDirectory, "clients", script), args);
        process._process.Start();
        process._process.StandardInput.Close();
        process._process.BeginOutputReadLine();
        process._process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Stdout lines so far, in order.</summary>
    public IReadOnlyList<string> Lines()
    {
        lock (_gate)
        {
            return [.. _stdout];
        }
    }

    /// <summary>
    /// Calls <paramref name="match"/> once for every stdout line, in order (lines that came before the
    /// call included), and returns the first line it accepts; null when stdout ends or time runs out first.
    /// </summary>
    public async Task<string?> WaitForLineAsync(Func<string, bool> match, TimeSpan timeout)
    {
        var waiter = new Waiter(match);
        lock (_gate)
        {
            foreach (var line in _stdout)
            {
                if (match(line))
                {
                    return line;
                }
            }

            if (_stdoutClosed)
            {
                return null;
            }

            _waiters.Add(waiter);
        }

        try
        {
            return await waiter.Done.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            lock (_gate)
            {
                _waiters.Remove(waiter);
            }

            return null;
        }
    }

    /// <summary>Waits (bounded) for the script to exit and its output to be complete; false on time-out.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(deadline.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public string Describe()
    {
        var state = _process.HasExited ? $"exited with {_process.ExitCode}" : "running";
        var text = new StringBuilder()
            .AppendLine($"--- `{CommandLine}` {state} after {_age.Elapsed.TotalSeconds:F1}s; output without ACK lines (tail) ---");
        lock (_gate)
        {
            foreach (var line in _log)
            {
                text.AppendLine(line);
            }
        }

        return text.ToString();
    }

    public Task KillAsync() => ProcessTree.KillAsync(_process);

    public async ValueTask DisposeAsync()
    {
        await ProcessTree.KillAsync(_process);
        _process.Dispose();
    }

    private void OnStdout(string? line)
    {
        lock (_gate)
        {
            if (line is null)
            {
                _stdoutClosed = true;
                foreach (var waiter in _waiters)
                {
                    waiter.Done.TrySetResult(null);
                }

                _waiters.Clear();
                return;
            }

            _stdout.Add(line);
            _waiters.RemoveAll(waiter => waiter.Match(line) && waiter.Done.TrySetResult(line));
        }

        // ACK lines are many and say little in a failure message; the log keeps the rest.
        if (!line.StartsWith("ACK ", StringComparison.Ordinal))
        {
            Log(line);
        }
    }

    private void Log(string line)
    {
        lock (_gate)
        {
            _log.AddLast(line);
            if (_log.Count > OutputLines)
            {
                _log.RemoveFirst();
            }
        }
    }

    private sealed record Waiter(Func<string, bool> Match)
    {
        public TaskCompletionSource<string?> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
