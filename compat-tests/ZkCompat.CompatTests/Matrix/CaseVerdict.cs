namespace ZkCompat.CompatTests.Matrix;

/// <summary>
/// Judges one case of a run: unmarked cases must pass on both servers; a marked case must pass
/// on Java (so it tests real ZooKeeper behaviour) and fail on ZkCompat until its mark is removed.
/// </summary>
internal static class CaseVerdict
{
    private const string ZkCompat = "zkcompat";

    /// <summary>Fails the test when the outcome does not match the mark; otherwise says what happened.</summary>
    public static string Check(MatrixRun run, ClientCase c)
    {
        var outcome = run.Outcome(c.Name);
        if (outcome is null)
        {
            Assert.Fail($"{c.Name} against '{run.Server}': the client printed no CASE line for it.\n{run.Evidence()}");
        }

        var expectFail = c.ExpectedFail is not null && run.Server == ZkCompat;
        if (expectFail && outcome.Passed)
        {
            Assert.Fail($"{c.Name} passed against '{ZkCompat}': remove the expected-fail mark ({c.ExpectedFail!.Mark})");
        }

        if (!expectFail && !outcome.Passed)
        {
            var marked = c.ExpectedFail is { } mark ? $" (marked expected-to-fail on {ZkCompat} only, {mark}: Java must pass it)" : "";
            Assert.Fail($"{c.Name} failed against '{run.Server}'{marked}: {outcome.Detail}\n{run.Evidence()}");
        }

        return expectFail
            ? $"{c.Name}: failed as expected on {ZkCompat}, {c.ExpectedFail}: {outcome.Detail}"
            : $"{c.Name}: {outcome.Detail}";
    }
}
