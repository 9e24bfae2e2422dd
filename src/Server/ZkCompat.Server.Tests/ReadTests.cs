using ZkCompat.Protocol.Codes;
using ZkCompat.Protocol.Records;
using ZkCompat.Server.Tests.Support;

namespace ZkCompat.Server.Tests;

/// <summary>Reads answered from the tree (§3.3): no zxid used, paths not validated (Q6), READ checked where Java checks it.</summary>
public class ReadTests
{
    [Fact]
    public async Task Exists_ReturnsStat_MissingIsNoNodeWithoutBody()
    {
        await using var fixture = new EngineFixture();
        var client = await fixture.ConnectAsync();
        var created = await client.CreateAsync("/a");

        var found = await client.ExistsAsync("/a");
        var missing = await client.ExistsAsync("/b");

        Assert.Equal(created.Header.Zxid, found.As<StatResponse>().Stat.Czxid);
        Assert.Equal(ErrorCode.NoNode, missing.Err);
        Assert.Null(missing.Body);
    }

    [Fact]
    public async Task Exists_WithNul_IsBadArguments()
    {
        await using var fixture = new EngineFixture();
        var client = await fixture.ConnectAsync();

        Assert.Equal(ErrorCode.BadArguments, (await client.ExistsAsync("/a\0b")).Err);
    }

    [Theory]
    [InlineData(OpCode.Exists)]
    [InlineData(OpCode.GetData)]
    [InlineData(OpCode.GetChildren)]
    [InlineData(OpCode.GetChildren2)]
    public async Task Reads_DoNotValidatePaths_MalformedIsNoNode(OpCode op)
    {
        await using var fixture = new EngineFixture();
        var client = await fixture.ConnectAsync();

        Assert.Equal(ErrorCode.NoNode, (await client.CallAsync(op, new PathWatchRequest("a", false))).Err);
        Assert.Equal(ErrorCode.NoNode, (await client.CallAsync(op, new PathWatchRequest("/a/", false))).Err);
    }

    [Theory]
    [InlineData(OpCode.GetAcl)]
    [InlineData(OpCode.GetAllChildrenNumber)]
    public async Task PathOnlyReads_DoNotValidatePaths(OpCode op)
    {
        await using var fixture = new EngineFixture();
        var client = await fixture.ConnectAsync();

        Assert.Equal(ErrorCode.NoNode, (await client.CallAsync(op, new PathRequest("a"))).Err);
    }

    [Fact]
    public async Task Reads_DoNotUseZxids_AndReplyWithTheLastOne()
    {
        await using var fixture = new EngineFixture();
        var client = await fixture.ConnectAsync();
        var created = await client.CreateAsync("/a");

        var read = await client.GetDataAsync("/a");
        var missing = await client.GetDataAsync("/b");

        Assert.Equal(created.Header.Zxid, read.Header.Zxid);
        Assert.Equal(created.Header.Zxid, missing.Header.Zxid);
        Assert.Equal(created.Header.Zxid.Value + 1, await client.ProbeZxidAsync());
    }

    [Fact]
    public async Task GetData_ReturnsDataAndStat()
    {
        await using var fixture = new EngineFixture();
        var client = await fixture.ConnectAsync();
        await client.CreateAsync("/a", "hello"u8.ToArray());

        var body = (await client.GetDataAsync("/a")).As<GetDataResponse>();

        Assert.Equal("hello"u8.ToArray(), body.Data);
        Assert.Equal(5, body.Stat.DataLength);
    }

    [Theory]
    [InlineData(OpCode.GetData)]
    [InlineData(OpCode.GetChildren)]
    [InlineData(OpCode.GetChildren2)]
    public async Task ReadsNeedingRead_WithoutPermission_AreNoAuth(OpCode op)
    {
        await using var fixture = new EngineFixture();
        var alice = await fixture.ConnectAsync();
        await alice.AuthAsync("digest", "alice:secret");
        await alice.CreateAsync("/locked", acl: TestClientExtensions.AliceOnly);
        var stranger = await fixture.ConnectAsync();

        Assert.Equal(ErrorCode.NoAuth, (await stranger.CallAsync(op, new PathWatchRequest("/locked", false))).Err);
        Assert.Equal(ErrorCode.Ok, (await alice.CallAsync(op, new PathWatchRequest("/locked", false))).Err);
        Assert.Equal(ErrorCode.Ok, (await stranger.ExistsAsync("/locked")).Err);
    }

    [Fact]
    public async Task GetChildren_ReturnsNamesOnly()
    {
        await using var fixture = new EngineFixture();
        var client = await fixture.ConnectAsync();
        await client.CreateAsync("/p");
        await client.CreateAsync("/p/x");
        await client.CreateAsync("/p/y");

        var children = (await client.GetChildrenAsync("/p")).As<GetChildrenResponse>().Children;

        Assert.Equal(["x", "y"], children!.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task GetChildren2_ReturnsNamesAndStat()
    {
        await using var fixture = new EngineFixture();
        var client = await fixture.ConnectAsync();
        await client.CreateAsync("/p");
        await client.CreateAsync("/p/x");

        var body = (await client.CallAsync(OpCode.GetChildren2, new PathWatchRequest("/p", false))).As<GetChildren2Response>();

        Assert.Equal(["x"], body.Children);
        Assert.Equal(1, body.Stat.NumChildren);
        Assert.Equal(await client.StatAsync("/p"), body.Stat);
    }

    [Fact]
    public async Task GetChildren_OfRoot_IncludesZooKeeper()
    {
        await using var fixture = new EngineFixture();
        var client = await fixture.ConnectAsync();

        Assert.Equal(["zookeeper"], (await client.GetChildrenAsync("/")).As<GetChildrenResponse>().Children);
        Assert.Equal(["config", "quota"], (await client.GetChildrenAsync("/zookeeper")).As<GetChildrenResponse>().Children!.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("/anything")]
    [InlineData("not-a-path")]
    public async Task Sync_EchoesThePath_WithoutUsingAZxid(string path)
    {
        await using var fixture = new EngineFixture();
        var client = await fixture.ConnectAsync();
        var before = await client.ProbeZxidAsync();

        var reply = await client.CallAsync(OpCode.Sync, new PathRequest(path));

        Assert.Equal(new PathResponse(path), reply.Body);
        Assert.Equal(before + 1, await client.ProbeZxidAsync());
    }

    [Fact]
    public async Task GetEphemerals_ListsOnlyTheCallersOwn_FilteredByPrefix()
    {
        await using var fixture = new EngineFixture();
        var client = await fixture.ConnectAsync();
        var other = await fixture.ConnectAsync();
        await client.CreateAsync("/e1", mode: CreateMode.Ephemeral);
        await client.CreateAsync("/e2", mode: CreateMode.EphemeralSequential);
        await client.CreateAsync("/x", mode: CreateMode.Ephemeral);
        await client.CreateAsync("/persistent");
        await other.CreateAsync("/e-other", mode: CreateMode.Ephemeral);

        var all = await Ephemerals(client, null);
        var slash = await Ephemerals(client, "/");
        var empty = await Ephemerals(client, "");
        var filtered = await Ephemerals(client, "/e");

        Assert.Equal(["/e1", "/e20000000001", "/x"], all);
        Assert.Equal(all, slash);
        Assert.Equal(all, empty);
        Assert.Equal(["/e1", "/e20000000001"], filtered);
        Assert.Equal(["/e-other"], await Ephemerals(other, "/"));
    }

    [Fact]
    public async Task GetAllChildrenNumber_CountsAllDescendants()
    {
        await using var fixture = new EngineFixture();
        var client = await fixture.ConnectAsync();

        Assert.Equal(3, await CountAll(client, "/"));
        await client.CreateAsync("/a");
        await client.CreateAsync("/a/b");
        await client.CreateAsync("/a/b/c");

        Assert.Equal(6, await CountAll(client, "/"));
        Assert.Equal(2, await CountAll(client, "/a"));
        Assert.Equal(0, await CountAll(client, "/a/b/c"));
        Assert.Equal(2, await CountAll(client, "/zookeeper"));
    }

    [Fact]
    public async Task GetAllChildrenNumber_MissingIsNoNode_LockedIsNoAuth()
    {
        await using var fixture = new EngineFixture();
        var alice = await fixture.ConnectAsync();
        await alice.AuthAsync("digest", "alice:secret");
        await alice.CreateAsync("/locked", acl: TestClientExtensions.AliceOnly);
        var stranger = await fixture.ConnectAsync();

        Assert.Equal(ErrorCode.NoNode, (await stranger.CallAsync(OpCode.GetAllChildrenNumber, new PathRequest("/missing"))).Err);
        Assert.Equal(ErrorCode.NoAuth, (await stranger.CallAsync(OpCode.GetAllChildrenNumber, new PathRequest("/locked"))).Err);
    }

    [Fact]
    public async Task WhoAmI_ListsIpThenAddedIdentities()
    {
        await using var fixture = new EngineFixture();
        var client = await fixture.ConnectAsync();

        var fresh = (await client.CallAsync(OpCode.WhoAmI)).As<WhoAmIResponse>().Infos;
        await client.AuthAsync("digest", "alice:secret");
        var authed = (await client.CallAsync(OpCode.WhoAmI)).As<WhoAmIResponse>().Infos;

        Assert.Equal([new ClientInfo("ip", "127.0.0.1")], fresh);
        Assert.Equal(
            [new ClientInfo("digest", "alice"), new ClientInfo("ip", "127.0.0.1")],
            authed!.OrderBy(i => i.AuthScheme, StringComparer.Ordinal));
    }

    private static async Task<List<string>> Ephemerals(TestClient client, string? prefix) =>
        [.. (await client.CallAsync(OpCode.GetEphemerals, new PathRequest(prefix))).As<PathListResponse>().Paths!.Order(StringComparer.Ordinal)];

    private static async Task<int> CountAll(TestClient client, string path) =>
        (await client.CallAsync(OpCode.GetAllChildrenNumber, new PathRequest(path))).As<CountResponse>().TotalNumber;
}
