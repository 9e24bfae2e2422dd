using Xunit.Abstractions;
using ZkCompat.CompatTests.Matrix;

namespace ZkCompat.CompatTests;

/// <summary>
/// Debian's official Java client, libzookeeper-java 3.8.0, with its bundled lock recipe
/// (clients/java/ZkClientMatrix.java), one row per case and server.
/// </summary>
public sealed class OfficialClientTests(OfficialClientTests.Fixture fixture, ITestOutputHelper output) : IClassFixture<OfficialClientTests.Fixture>
{
    private static readonly ClientCase[] Table =
    [
        new("crud"),
        new("ephemeral-sequential"),
        new("watches"),
        new("multi"),
        new("async"),
        new("acl"),
        new("remove-watches"),
        new("lock-recipe"),
        new("persistent-recursive-watch"),
        new("quota-stats"),
        new("stat-fields"),
    ];

    public static TheoryData<string, string> Cases => ClientCase.Rows(Table);

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Case_PassesUnlessMarked(string server, string name) =>
        output.WriteLine(CaseVerdict.Check(await fixture.RunAsync(server, Table), ClientCase.Find(Table, name)));

    /// <summary>Compiles the Java programs once for this class.</summary>
    public sealed class Fixture() : ClientMatrix(ClientProgram.JavaOfficial);
}
