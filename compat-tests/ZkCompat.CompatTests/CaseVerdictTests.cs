using Xunit.Sdk;
using ZkCompat.CompatTests.Matrix;
using ZkCompat.CompatTests.Support;

namespace ZkCompat.CompatTests;

/// <summary>The client matrix's expected-fail rules, on made-up program output (no server, no client).</summary>
public sealed class CaseVerdictTests
{
    private static readonly ClientCase Plain = new("crud");
    private static readonly ClientCase WaitsForIssue = new("cache", ExpectedFail.Issue(4, "persistent watches"));
    private static readonly ClientCase FoundBug = new("stat", ExpectedFail.Bug("wrong cversion after delete"));

    [Theory]
    [InlineData("java")]
    [InlineData("zkcompat")]
    public void UnmarkedCase_Passing_Passes(string server) =>
        Assert.Contains("12 ms", CaseVerdict.Check(Run(server, "CASE crud PASS (12 ms)"), Plain));

    [Theory]
    [InlineData("java")]
    [InlineData("zkcompat")]
    public void UnmarkedCase_Failing_FailsWithTheReason(string server)
    {
        var e = Assert.Throws<FailException>(() => CaseVerdict.Check(Run(server, "CASE crud FAIL getData: expected <one>"), Plain));
        Assert.Contains($"crud failed against '{server}': getData: expected <one>", e.Message);
    }

    [Fact]
    public void MarkedCase_FailingOnZkCompat_Passes() =>
        Assert.Contains("failed as expected", CaseVerdict.Check(Run("zkcompat", "CASE cache FAIL waited 10000 ms"), WaitsForIssue));

    [Fact]
    public void MarkedCase_PassingOnZkCompat_AsksToRemoveTheMark()
    {
        var e = Assert.Throws<FailException>(() => CaseVerdict.Check(Run("zkcompat", "CASE cache PASS (3 ms)"), WaitsForIssue));
        Assert.Contains("remove the expected-fail mark (issue 4)", e.Message);
    }

    [Fact]
    public void BugMark_PassingOnZkCompat_NamesTheBug()
    {
        var e = Assert.Throws<FailException>(() => CaseVerdict.Check(Run("zkcompat", "CASE stat PASS (3 ms)"), FoundBug));
        Assert.Contains("remove the expected-fail mark (bug: wrong cversion after delete)", e.Message);
    }

    [Fact]
    public void MarkedCase_FailingOnJava_Fails()
    {
        var e = Assert.Throws<FailException>(() => CaseVerdict.Check(Run("java", "CASE cache FAIL waited"), WaitsForIssue));
        Assert.Contains("Java must pass it", e.Message);
    }

    [Theory]
    [InlineData("java")]
    [InlineData("zkcompat")]
    public void MarkedCase_WithNoCaseLine_Fails(string server)
    {
        var e = Assert.Throws<FailException>(() => CaseVerdict.Check(Run(server, "Exception in thread main"), WaitsForIssue));
        Assert.Contains("printed no CASE line", e.Message);
    }

    [Fact]
    public void CaseLines_AmongOtherOutput_AreFound()
    {
        var outcomes = CaseOutcome.Parse("WARN something\r\nCASE a PASS (1 ms)\n  at Foo.bar\nCASE b FAIL x y\nCASE c MAYBE\n");
        Assert.Equal(["a", "b"], outcomes.Keys.Order());
        Assert.True(outcomes["a"].Passed);
        Assert.Equal(new CaseOutcome("b", false, "x y"), outcomes["b"]);
    }

    private static MatrixRun Run(string server, string output) =>
        new(server, new ClientRun("client 127.0.0.1:1", ExitCode: 1, TimedOut: false, TimeSpan.FromSeconds(1), output + "\n"), "(server)");
}
