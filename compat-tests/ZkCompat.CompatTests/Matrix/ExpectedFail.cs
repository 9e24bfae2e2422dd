namespace ZkCompat.CompatTests.Matrix;

/// <summary>
/// Why a case is expected to fail on ZkCompat (never on Java): the issue whose feature it waits
/// for, or a server bug it found. A marked case that starts passing fails its test, so the
/// mark is removed in the change that made it pass.
/// </summary>
internal sealed record ExpectedFail(int? IssueNumber, string What)
{
    public static ExpectedFail Issue(int number, string feature) => new(number, feature);

    public static ExpectedFail Bug(string what) => new(null, what);

    /// <summary>"issue 4" or "bug: ...", as the remove-the-mark message names it.</summary>
    public string Mark => IssueNumber is { } n ? $"issue {n}" : $"bug: {What}";

    public override string ToString() => IssueNumber is { } n ? $"issue {n} ({What})" : $"bug: {What}";
}
