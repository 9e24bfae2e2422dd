namespace ZkCompat.CompatTests.Differential;

/// <summary>One step of a scenario. It records what it sent and saw, and what did not meet its expectation.</summary>
internal abstract class Step
{
    /// <summary>What the step does, for divergence reports (normalized, as in the transcript).</summary>
    public abstract string Describe();

    public abstract Task RunAsync(ScenarioRun run);
}
