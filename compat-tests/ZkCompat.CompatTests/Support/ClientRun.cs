using System.Diagnostics;

namespace ZkCompat.CompatTests.Support;

/// <summary>What one run of an external client script did.</summary>
internal sealed record ClientRun(string CommandLine, int? ExitCode, bool TimedOut, TimeSpan Elapsed, string Output)
{
    private const int OutputChars = 60_000;

    public bool Passed => !TimedOut && ExitCode == 0;

    /// <summary>Runs a script from the output's clients/ folder; the whole process tree is bounded by <paramref name="timeout"/>.</summary>
    public static async Task<ClientRun> StartAsync(string interpreter, string script, IReadOnlyList<string> args, TimeSpan timeout)
    {
        var scriptPath = Path.Combine(AppContext.BaseDirectory, "clients", script);
        var info = new ProcessStartInfo(interpreter)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(scriptPath);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        var commandLine = string.Join(' ', info.ArgumentList.Prepend(interpreter));
        var log = new OutputLog();
        var clock = Stopwatch.StartNew();
        using var process = new Process { StartInfo = info };
        log.Attach(process);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var timedOut = false;
        using (var deadline = new CancellationTokenSource(timeout))
        {
            try
            {
                await process.WaitForExitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                timedOut = true;
            }
        }

        await ProcessTree.KillAsync(process);
        int? exitCode = process.HasExited ? process.ExitCode : null;
        return new ClientRun(commandLine, exitCode, timedOut, clock.Elapsed, log.Tail(OutputChars));
    }

    public string Describe()
    {
        var outcome = TimedOut ? "timed out and was killed" : $"exited with {ExitCode?.ToString() ?? "?"}";
        return $"`{CommandLine}` {outcome} after {Elapsed.TotalSeconds:F1}s";
    }
}
