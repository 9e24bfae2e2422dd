using Xunit.Abstractions;
using ZkCompat.CompatTests.Matrix;

namespace ZkCompat.CompatTests.Ensemble;

/// <summary>Apache Curator 5.4 (<see cref="CuratorTests"/>'s cases and marks) against a 3+1 ensemble's connect string.</summary>
[Collection(SerialEnsembles.Name)]
public sealed class EnsembleCuratorTests(EnsemblePool pool, EnsembleCuratorTests.Fixture fixture, ITestOutputHelper output)
    : IClassFixture<EnsembleCuratorTests.Fixture>
{
    public static TheoryData<string, string> JavaRows => EnsembleMatrix.Rows(EnsembleKinds.JavaKinds, CuratorTests.Table);

    public static TheoryData<string, string> ZkCompatRows => EnsembleMatrix.Rows(EnsembleKinds.ZkCompatKinds, CuratorTests.Table);

    [Theory]
    [MemberData(nameof(JavaRows))]
    [MemberData(nameof(ZkCompatRows), Skip = EnsembleKinds.SkipUntilZkCompatQuorum)]
    public async Task Case_PassesOnTheEnsemble(string kind, string name) =>
        output.WriteLine(CaseVerdict.Check(await fixture.RunAsync(pool, kind, CuratorTests.Table), ClientCase.Find(CuratorTests.Table, name)));

    /// <summary>Compiles the Java programs once for this class.</summary>
    public sealed class Fixture() : EnsembleMatrix(ClientProgram.Curator);
}
