namespace ZkCompat.CompatTests.Differential;

/// <summary>A cell of docs/COMPATIBILITY.md.</summary>
internal enum ScenarioOutcome
{
    Pass,
    Fail,

    /// <summary>Failed, and marked as waiting for an issue or as a known bug.</summary>
    ExpectedFail,

    /// <summary>Passed although marked: the mark must go.</summary>
    UnexpectedPass,

    NotRun,
}
