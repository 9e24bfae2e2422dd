using System.ComponentModel;
using System.Diagnostics;

namespace ZkCompat.CompatTests.Support;

/// <summary>Ends a child process and everything it started, and waits (bounded) for the exit.</summary>
internal static class ProcessTree
{
    private static readonly TimeSpan ExitWait = TimeSpan.FromSeconds(15);

    public static async Task KillAsync(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // It exited between the check and the kill.
        }
        catch (Win32Exception)
        {
            // Some descendant was already gone; the rest were signalled.
        }

        using var wait = new CancellationTokenSource(ExitWait);
        try
        {
            // Also drains the redirected output, so the log is complete afterwards.
            await process.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            // Reported by the caller through HasExited; nothing more can be done here.
        }
    }
}
