using System.Text;

namespace ZkCompat.CompatTests.Differential;

/// <summary>One scenario on both servers: the transcripts, where they first differ, and the outcomes.</summary>
internal sealed record ScenarioResult(Scenario Scenario, RunResult Java, RunResult ZkCompat)
{
    /// <summary>Index of the first transcript line that differs; null when the transcripts are equal.</summary>
    public int? DivergenceAt { get; } = FirstDifference(Java.Lines, ZkCompat.Lines);

    public ScenarioOutcome JavaOutcome => Java.MetExpectations ? ScenarioOutcome.Pass : ScenarioOutcome.Fail;

    public ScenarioOutcome ZkCompatOutcome
    {
        get
        {
            var passed = ZkCompat.MetExpectations && DivergenceAt is null;
            return (Scenario.Mark, passed) switch
            {
                (null, true) => ScenarioOutcome.Pass,
                (null, false) => ScenarioOutcome.Fail,
                (_, true) => ScenarioOutcome.UnexpectedPass,
                _ => ScenarioOutcome.ExpectedFail,
            };
        }
    }

    /// <summary>The scenario, the step and both decoded lines where the transcripts part, then both transcripts.</summary>
    public string Describe()
    {
        var text = new StringBuilder($"scenario {Scenario.Name} (root {Scenario.Root}, {Scenario.Profile} servers)\n");
        if (DivergenceAt is { } at)
        {
            var java = at < Java.Lines.Count ? Java.Lines[at] : null;
            var zk = at < ZkCompat.Lines.Count ? ZkCompat.Lines[at] : null;
            var step = (java ?? zk)!.Step;
            var stepText = step >= 1 && step <= Scenario.Steps.Count ? Scenario.Steps[step - 1].Describe() : "final drain of live connections";
            text.Append($"DIVERGES at step {(step < 0 ? "end" : step)}: {stepText}\n")
                .Append($"  java:     {java?.Text ?? "(transcript ended)"}\n")
                .Append($"  zkcompat: {zk?.Text ?? "(transcript ended)"}\n");
        }

        AppendFailures(text, "java", Java);
        AppendFailures(text, "zkcompat", ZkCompat);
        return text.Append("--- java transcript ---\n").Append(Java.Render())
            .Append("\n--- zkcompat transcript ---\n").Append(ZkCompat.Render()).Append('\n').ToString();
    }

    private static void AppendFailures(StringBuilder text, string server, RunResult run)
    {
        foreach (var failure in run.Failures)
            text.Append($"{server} expectation failed: {failure}\n");
        if (run.Error is not null)
            text.Append($"{server} harness error: {run.Error}\n");
    }

    private static int? FirstDifference(IReadOnlyList<TranscriptLine> a, IReadOnlyList<TranscriptLine> b)
    {
        for (var i = 0; i < Math.Max(a.Count, b.Count); i++)
        {
            if (i >= a.Count || i >= b.Count || a[i] != b[i])
                return i;
        }

        return null;
    }
}
