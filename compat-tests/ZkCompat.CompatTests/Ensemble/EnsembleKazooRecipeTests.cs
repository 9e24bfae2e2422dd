using Xunit.Abstractions;
using ZkCompat.CompatTests.Matrix;

namespace ZkCompat.CompatTests.Ensemble;

/// <summary>kazoo 2.8's recipes (<see cref="KazooRecipeTests"/>'s cases and marks) against a 3+1 ensemble's connect string.</summary>
[Collection(SerialEnsembles.Name)]
public sealed class EnsembleKazooRecipeTests(EnsemblePool pool, EnsembleKazooRecipeTests.Fixture fixture, ITestOutputHelper output)
    : IClassFixture<EnsembleKazooRecipeTests.Fixture>
{
    public static TheoryData<string, string> JavaRows => EnsembleMatrix.Rows(EnsembleKinds.JavaKinds, KazooRecipeTests.Table);

    public static TheoryData<string, string> ZkCompatRows => EnsembleMatrix.Rows(EnsembleKinds.ZkCompatKinds, KazooRecipeTests.Table);

    [Theory]
    [MemberData(nameof(JavaRows))]
    [MemberData(nameof(ZkCompatRows), Skip = EnsembleKinds.SkipUntilZkCompatQuorum)]
    public async Task Case_PassesOnTheEnsemble(string kind, string name) =>
        output.WriteLine(CaseVerdict.Check(await fixture.RunAsync(pool, kind, KazooRecipeTests.Table), ClientCase.Find(KazooRecipeTests.Table, name)));

    /// <summary>Nothing to build; runs the script once per ensemble kind for this class.</summary>
    public sealed class Fixture() : EnsembleMatrix(ClientProgram.KazooRecipes);
}
