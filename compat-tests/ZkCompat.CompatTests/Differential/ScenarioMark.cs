namespace ZkCompat.CompatTests.Differential;

/// <summary>
/// Marks a scenario ZkCompat is expected to fail: it waits for an open issue, or it shows a server
/// bug (Issue null) for the server's owner. The run fails once the scenario passes, so marks cannot go stale.
/// </summary>
internal sealed record ScenarioMark(int? Issue, string Note)
{
    public string Label => Issue is { } issue ? $"issue {issue}: {Note}" : $"bug: {Note}";
}
