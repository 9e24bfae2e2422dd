using Xunit.Abstractions;
using ZkCompat.CompatTests.Matrix;

namespace ZkCompat.CompatTests;

/// <summary>github.com/samuel/go-zookeeper from Debian (clients/go/main.go), one row per case and server.</summary>
public sealed class GoClientTests(GoClientTests.Fixture fixture, ITestOutputHelper output) : IClassFixture<GoClientTests.Fixture>
{
    private static readonly ClientCase[] Table =
    [
        new("crud"),
        new("ephemeral-sequential"),
        new("watches"),
        new("multi"),
        new("lock"),
        new("acl"),
        new("reconnect-watches"),
        new("reconnect-missed-events"),
    ];

    public static TheoryData<string, string> Cases => ClientCase.Rows(Table);

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Case_PassesUnlessMarked(string server, string name) =>
        output.WriteLine(CaseVerdict.Check(await fixture.RunAsync(server, Table), ClientCase.Find(Table, name)));

    /// <summary>Builds the Go program once for this class.</summary>
    public sealed class Fixture() : ClientMatrix(ClientProgram.Go);
}
