using Xunit.Abstractions;
using ZkCompat.CompatTests.Matrix;

namespace ZkCompat.CompatTests;

/// <summary>kazoo 2.8's recipes (clients/python-recipes/kazoo_recipes.py), one row per case and server.</summary>
public sealed class KazooRecipeTests(KazooRecipeTests.Fixture fixture, ITestOutputHelper output) : IClassFixture<KazooRecipeTests.Fixture>
{
    internal static readonly ClientCase[] Table =
    [
        new("lock"),
        new("election"),
        new("barrier"),
        new("counter"),
        new("queue"),
        new("party"),
        new("datawatch"),
        new("childrenwatch"),
    ];

    public static TheoryData<string, string> Cases => ClientCase.Rows(Table);

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Case_PassesUnlessMarked(string server, string name) =>
        output.WriteLine(CaseVerdict.Check(await fixture.RunAsync(server, Table), ClientCase.Find(Table, name)));

    /// <summary>Nothing to build; runs the script once per server for this class.</summary>
    public sealed class Fixture() : ClientMatrix(ClientProgram.KazooRecipes);
}
