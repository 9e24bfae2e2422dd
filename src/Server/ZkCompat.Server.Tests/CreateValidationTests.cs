using ZkCompat.Protocol.Codes;
using ZkCompat.Protocol.Records;
using ZkCompat.Server.Tests.Support;

namespace ZkCompat.Server.Tests;

/// <summary>
/// The create checks of PROTOCOL.md §3.7 one by one, each paired with the next check so the order
/// shows; every failure is an error txn that uses a zxid (Q5).
/// </summary>
public class CreateValidationTests
{
    [Theory]
    [InlineData(7)]
    [InlineData(-1)]
    [InlineData(100)]
    public async Task UnknownFlags_AreBadArguments_BeforeTheParentCheck(int flags)
    {
        await using var fixture = new EngineFixture();
        var client = await fixture.ConnectAsync();

        var reply = await client.CallAsync(OpCode.Create, new CreateRequest("/missing/x", [], TestClientExtensions.OpenAcl, flags));

        Assert.Equal(ErrorCode.BadArguments, reply.Err);
    }

    [Fact]
    public async Task TtlModeWhileDisabled_IsUnimplemented_BeforeThePathAndAcl()
    {
        await using var fixture = new EngineFixture();
        var client = await fixture.ConnectAsync();

        var reply = await client.CallAsync(OpCode.CreateTtl, new CreateTtlRequest("no-slash", [], [], (int)CreateMode.PersistentWithTtl, 5000));

        Assert.Equal(ErrorCode.Unimplemented, reply.Err);
    }

    [Theory]
    [InlineData("no-slash")]
    [InlineData("")]
    [InlineData("/a\0b")]
    public async Task PathWithoutSlashOrWithNul_IsBadArguments_BeforeTheAcl(string path)
    {
        await using var fixture = new EngineFixture();
        var client = await fixture.ConnectAsync();

        var reply = await client.CallAsync(OpCode.Create, new CreateRequest(path, [], [], 0));

        Assert.Equal(ErrorCode.BadArguments, reply.Err);
    }

    [Fact]
    public async Task BadAcl_IsInvalidAcl_BeforeTheMissingParent()
    {
        await using var fixture = new EngineFixture();
        var client = await fixture.ConnectAsync();

        var reply = await client.CallAsync(OpCode.Create, new CreateRequest("/missing/x", [], [new(Perms.All, new Id("world", "bob"))], 0));

        Assert.Equal(ErrorCode.InvalidAcl, reply.Err);
    }

    [Fact]
    public async Task MissingParent_IsNoNode_BeforeTheFullPathCheck()
    {
        await using var fixture = new EngineFixture();
        var client = await fixture.ConnectAsync();

        var reply = await client.CreateAsync("/missing/.");

        Assert.Equal(ErrorCode.NoNode, reply.Err);
    }

    [Fact]
    public async Task NoCreatePermissionOnParent_IsNoAuth_BeforeTheFullPathCheck()
    {
        await using var fixture = new EngineFixture();
        var alice = await fixture.ConnectAsync();
        await alice.AuthAsync("digest", "alice:secret");
        await alice.CreateAsync("/locked", acl: TestClientExtensions.AliceOnly);
        var stranger = await fixture.ConnectAsync();

        var invalid = await stranger.CreateAsync("/locked/..");
        var valid = await stranger.CreateAsync("/locked/x");
        var allowed = await alice.CreateAsync("/locked/x");

        Assert.Equal(ErrorCode.NoAuth, invalid.Err);
        Assert.Equal(ErrorCode.NoAuth, valid.Err);
        Assert.Equal(ErrorCode.Ok, allowed.Err);
    }

    [Theory]
    [InlineData("/a/")]
    [InlineData("//")]
    [InlineData("/a/.")]
    [InlineData("/a/..")]
    [InlineData("/a/\u0001")]
    [InlineData("/a/\u007f")]
    [InlineData("/a/\ufff0")]
    public async Task InvalidFullPath_IsBadArguments(string path)
    {
        await using var fixture = new EngineFixture();
        var client = await fixture.ConnectAsync();
        await client.CreateAsync("/a");
        await client.CreateAsync("/a/b");

        var reply = await client.CreateAsync(path);

        Assert.Equal(ErrorCode.BadArguments, reply.Err);
    }

    [Fact]
    public async Task ExistingNode_IsNodeExists()
    {
        await using var fixture = new EngineFixture();
        var client = await fixture.ConnectAsync();
        await client.CreateAsync("/a", "one"u8.ToArray());

        var reply = await client.CreateAsync("/a", "two"u8.ToArray());

        Assert.Equal(ErrorCode.NodeExists, reply.Err);
        Assert.Equal("one"u8.ToArray(), (await client.GetDataAsync("/a")).As<GetDataResponse>().Data);
    }

    [Fact]
    public async Task Root_IsNodeExists()
    {
        await using var fixture = new EngineFixture();
        var client = await fixture.ConnectAsync();

        var reply = await client.CreateAsync("/");

        Assert.Equal(ErrorCode.NodeExists, reply.Err);
    }

    [Theory]
    [InlineData(CreateMode.Persistent)]
    [InlineData(CreateMode.Ephemeral)]
    [InlineData(CreateMode.PersistentSequential)]
    public async Task ChildOfEphemeral_IsNoChildrenForEphemerals(CreateMode mode)
    {
        await using var fixture = new EngineFixture();
        var client = await fixture.ConnectAsync();
        await client.CreateAsync("/eph", mode: CreateMode.Ephemeral);

        var reply = await client.CreateAsync("/eph/child", mode: mode);

        Assert.Equal(ErrorCode.NoChildrenForEphemerals, reply.Err);
    }

    [Fact]
    public async Task SequentialUnderLockedParent_IsNoAuth_AndDoesNotBumpTheCounter()
    {
        await using var fixture = new EngineFixture();
        var alice = await fixture.ConnectAsync();
        await alice.AuthAsync("digest", "alice:secret");
        await alice.CreateAsync("/locked", acl: TestClientExtensions.AliceOnly);
        var stranger = await fixture.ConnectAsync();

        var denied = await stranger.CreateAsync("/locked/s-", mode: CreateMode.PersistentSequential);
        var created = await alice.CreateAsync("/locked/s-", mode: CreateMode.PersistentSequential);

        Assert.Equal(ErrorCode.NoAuth, denied.Err);
        Assert.Equal("/locked/s-0000000000", created.As<PathResponse>().Path);
    }

    [Fact]
    public async Task FailedCreate_ConsumesAZxid_AndTheReplyCarriesIt()
    {
        await using var fixture = new EngineFixture();
        var client = await fixture.ConnectAsync();
        var first = await client.CreateAsync("/a");

        var failed = await client.CreateAsync("/a");
        var next = await client.CreateAsync("/b");

        Assert.Equal(first.Header.Zxid.Value + 1, failed.Header.Zxid.Value);
        Assert.Equal(first.Header.Zxid.Value + 2, next.Header.Zxid.Value);
    }

    [Theory]
    [InlineData("no-slash", 0)]
    [InlineData("/a", 9)]
    [InlineData("/missing/x", 0)]
    public async Task EveryCreateFailure_ConsumesAZxid(string path, int flags)
    {
        await using var fixture = new EngineFixture();
        var client = await fixture.ConnectAsync();
        var before = await client.ProbeZxidAsync();

        var failed = await client.CallAsync(OpCode.Create, new CreateRequest(path, [], TestClientExtensions.OpenAcl, flags));

        Assert.NotEqual(ErrorCode.Ok, failed.Err);
        Assert.Null(failed.Body);
        Assert.Equal(before + 1, failed.Header.Zxid.Value);
        Assert.Equal(before + 2, await client.ProbeZxidAsync());
    }
}
