namespace ZkCompat.CompatTests.Differential;

/// <summary>A scenario's transcript on one server, the expectations that failed there, and any harness error.</summary>
internal sealed record RunResult(IReadOnlyList<TranscriptLine> Lines, IReadOnlyList<string> Failures, string? Error)
{
    public bool MetExpectations => Failures.Count == 0 && Error is null;

    public string Render() => string.Join('\n', Lines.Select(l => $"  [{(l.Step < 0 ? "end" : l.Step.ToString())}] {l.Text}"));
}
