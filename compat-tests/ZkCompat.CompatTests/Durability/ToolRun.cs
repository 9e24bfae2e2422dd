namespace ZkCompat.CompatTests.Durability;

/// <summary>What one run of a Java data-directory tool did: exit code and the whole of its output.</summary>
internal sealed record ToolRun(string CommandLine, int? ExitCode, bool TimedOut, string Stdout, string Stderr)
{
    private const int ShownChars = 6_000;

    /// <summary>
    /// Exit 0 within the time limit and no exception in the output. TxnLogToolkit's chop mode reports a
    /// failure as "Got exception: ..." and still exits 0, so the text counts as much as the code.
    /// </summary>
    public bool Clean => !TimedOut && ExitCode == 0 && !JavaTools.ExceptionText().IsMatch(Stdout) && !JavaTools.ExceptionText().IsMatch(Stderr);

    /// <summary>Stdout split into lines at '\n' only: printed data may hold a '\r' of its own.</summary>
    public IReadOnlyList<string> Lines => Stdout.Split('\n');

    public string Describe()
    {
        var outcome = TimedOut ? "timed out" : $"exited with {ExitCode?.ToString() ?? "?"}";
        return $"`{CommandLine}` {outcome}\n--- stdout ---\n{Tail(Stdout)}\n--- stderr ---\n{Tail(Stderr)}";
    }

    private static string Tail(string text) => text.Length <= ShownChars ? text : "..." + text[^ShownChars..];
}
