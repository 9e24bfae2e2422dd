using Xunit.Abstractions;
using ZkCompat.CompatTests.Matrix;

namespace ZkCompat.CompatTests;

/// <summary>node-zookeeper-client from npm (clients/node/node_matrix.js), one row per case and server.</summary>
public sealed class NodeClientTests(NodeClientTests.Fixture fixture, ITestOutputHelper output) : IClassFixture<NodeClientTests.Fixture>
{
    private static readonly ClientCase[] Table =
    [
        new("crud"),
        new("ephemeral-sequential"),
        new("watches"),
        new("transaction"),
        new("acl"),
    ];

    public static TheoryData<string, string> Cases => ClientCase.Rows(Table);

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Case_PassesUnlessMarked(string server, string name) =>
        output.WriteLine(CaseVerdict.Check(await fixture.RunAsync(server, Table), ClientCase.Find(Table, name)));

    /// <summary>Installs the pinned npm packages once for this class.</summary>
    public sealed class Fixture() : ClientMatrix(ClientProgram.Node);
}
