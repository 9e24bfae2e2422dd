using Xunit.Abstractions;
using ZkCompat.CompatTests.Matrix;

namespace ZkCompat.CompatTests;

/// <summary>Apache Curator 5.4's framework and recipes (clients/java/CuratorMatrix.java), one row per case and server.</summary>
public sealed class CuratorTests(CuratorTests.Fixture fixture, ITestOutputHelper output) : IClassFixture<CuratorTests.Fixture>
{
    internal static readonly ClientCase[] Table =
    [
        new("crud"),
        new("inter-process-mutex"),
        new("leader-latch"),
        new("distributed-barrier"),
        new("distributed-queue"),
        new("persistent-node"),
        new("curator-cache"), // CuratorCache registers a persistent recursive watch (addWatch).
        new("shared-count"),
        new("semaphore"),
        new("leader-selector"),
        new("tree-cache"),
        new("session-expiry"),
    ];

    public static TheoryData<string, string> Cases => ClientCase.Rows(Table);

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Case_PassesUnlessMarked(string server, string name) =>
        output.WriteLine(CaseVerdict.Check(await fixture.RunAsync(server, Table), ClientCase.Find(Table, name)));

    /// <summary>Compiles the Java programs once for this class.</summary>
    public sealed class Fixture() : ClientMatrix(ClientProgram.Curator);
}
