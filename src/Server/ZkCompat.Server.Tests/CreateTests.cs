using ZkCompat.Protocol.Codes;
using ZkCompat.Protocol.Records;
using ZkCompat.Server.Tests.Support;

namespace ZkCompat.Server.Tests;

/// <summary>create, create2, createContainer and createTTL on success, and the node kinds they make (§3.3, §3.6, §7.3, §7.4).</summary>
public class CreateTests
{
    [Fact]
    public async Task Create_RepliesWithPathOnly()
    {
        await using var fixture = new EngineFixture();
        var client = await fixture.ConnectAsync();

        var reply = await client.CreateAsync("/a", "x"u8.ToArray());

        Assert.Equal(new PathResponse("/a"), reply.Body);
    }

    [Fact]
    public async Task Create2_RepliesWithPathAndStat()
    {
        await using var fixture = new EngineFixture();
        var client = await fixture.ConnectAsync();

        var reply = await client.CreateAsync("/a", "xyz"u8.ToArray(), op: OpCode.Create2);

        var body = reply.As<Create2Response>();
        Assert.Equal("/a", body.Path);
        Assert.Equal(reply.Header.Zxid, body.Stat.Czxid);
        Assert.Equal(3, body.Stat.DataLength);
        Assert.Equal(await client.StatAsync("/a"), body.Stat);
    }

    [Fact]
    public async Task Ephemeral_IsOwnedByTheSession()
    {
        await using var fixture = new EngineFixture();
        var client = await fixture.ConnectAsync();

        var reply = await client.CreateAsync("/e", mode: CreateMode.Ephemeral, op: OpCode.Create2);

        Assert.Equal(client.SessionId().Value, reply.As<Create2Response>().Stat.EphemeralOwner);
    }

    [Fact]
    public async Task Sequential_AppendsTenDigitsOfTheParentsStoredCversion()
    {
        await using var fixture = new EngineFixture();
        var client = await fixture.ConnectAsync();
        await client.CreateAsync("/p");

        var first = await client.CreateAsync("/p/s-", mode: CreateMode.PersistentSequential);
        var second = await client.CreateAsync("/p/s-", mode: CreateMode.EphemeralSequential);

        Assert.Equal("/p/s-0000000000", first.As<PathResponse>().Path);
        Assert.Equal("/p/s-0000000001", second.As<PathResponse>().Path);
    }

    [Fact]
    public async Task Sequential_NumbersAreNeverReusedAfterDelete()
    {
        await using var fixture = new EngineFixture();
        var client = await fixture.ConnectAsync();
        await client.CreateAsync("/p");
        await client.CreateAsync("/p/s-", mode: CreateMode.PersistentSequential);
        await client.CreateAsync("/p/s-", mode: CreateMode.PersistentSequential);
        await client.DeleteAsync("/p/s-0000000000");
        await client.DeleteAsync("/p/s-0000000001");

        var third = await client.CreateAsync("/p/s-", mode: CreateMode.PersistentSequential);

        Assert.Equal("/p/s-0000000002", third.As<PathResponse>().Path);
    }

    [Fact]
    public async Task Sequential_CountsPlainChildCreatesToo()
    {
        await using var fixture = new EngineFixture();
        var client = await fixture.ConnectAsync();
        await client.CreateAsync("/p");
        await client.CreateAsync("/p/plain");

        var seq = await client.CreateAsync("/p/", mode: CreateMode.PersistentSequential);

        // A sequential path may end in '/': the suffix makes it valid (§3.7 notes).
        Assert.Equal("/p/0000000001", seq.As<PathResponse>().Path);
    }

    [Fact]
    public async Task Sequential_UnderRoot_UsesRootCounter()
    {
        await using var fixture = new EngineFixture();
        var client = await fixture.ConnectAsync();

        var seq = await client.CreateAsync("/s-", mode: CreateMode.PersistentSequential);

        Assert.Equal("/s-0000000000", seq.As<PathResponse>().Path);
    }

    [Fact]
    public async Task CreateContainer_RepliesCreate2_AndReportsOwnerZero()
    {
        await using var fixture = new EngineFixture();
        var client = await fixture.ConnectAsync();

        var reply = await client.CreateAsync("/c", mode: CreateMode.Container, op: OpCode.CreateContainer);
        var child = await client.CreateAsync("/c/child");

        var body = reply.As<Create2Response>();
        Assert.Equal("/c", body.Path);
        Assert.Equal(0, body.Stat.EphemeralOwner);
        Assert.Equal(ErrorCode.Ok, child.Err);
    }

    [Fact]
    public async Task CreateTtl_WhenExtendedTypesDisabled_IsUnimplemented()
    {
        await using var fixture = new EngineFixture();
        var client = await fixture.ConnectAsync();

        var reply = await client.CreateTtlAsync("/t", 5000);

        Assert.Equal(ErrorCode.Unimplemented, reply.Err);
        Assert.Equal(ErrorCode.NoNode, (await client.ExistsAsync("/t")).Err);
    }

    [Fact]
    public async Task CreateTtl_WhenEnabled_RepliesCreate2_AndReportsOwnerZero()
    {
        await using var fixture = ExtendedTypes();
        var client = await fixture.ConnectAsync();

        var reply = await client.CreateTtlAsync("/t", 5000);

        var body = reply.As<Create2Response>();
        Assert.Equal("/t", body.Path);
        Assert.Equal(0, body.Stat.EphemeralOwner);
    }

    [Fact]
    public async Task CreateTtl_SequentialWithTtl_GetsSuffix()
    {
        await using var fixture = ExtendedTypes();
        var client = await fixture.ConnectAsync();

        var reply = await client.CreateTtlAsync("/t-", 5000, CreateMode.PersistentSequentialWithTtl);

        Assert.Equal("/t-0000000000", reply.As<Create2Response>().Path);
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(-5L)]
    [InlineData(0x10000000000L)]
    public async Task CreateTtl_TtlOutOfRange_IsBadArguments(long ttlMs)
    {
        await using var fixture = ExtendedTypes();
        var client = await fixture.ConnectAsync();

        var reply = await client.CreateTtlAsync("/t", ttlMs);

        Assert.Equal(ErrorCode.BadArguments, reply.Err);
    }

    [Fact]
    public async Task CreateTtl_LargestTtl_IsAccepted()
    {
        await using var fixture = ExtendedTypes();
        var client = await fixture.ConnectAsync();

        var reply = await client.CreateTtlAsync("/t", 0xFFFFFFFFFFL);

        Assert.Equal(ErrorCode.Ok, reply.Err);
    }

    [Fact]
    public async Task CreateTtl_WithNonTtlMode_IsBadArguments()
    {
        await using var fixture = ExtendedTypes();
        var client = await fixture.ConnectAsync();

        var reply = await client.CreateTtlAsync("/t", 5000, CreateMode.Persistent);

        Assert.Equal(ErrorCode.BadArguments, reply.Err);
    }

    [Theory]
    [InlineData(OpCode.Create)]
    [InlineData(OpCode.Create2)]
    public async Task PlainCreate_WithTtlMode_IsBadArgumentsWhenEnabled(OpCode op)
    {
        await using var fixture = ExtendedTypes();
        var client = await fixture.ConnectAsync();

        // This record has no ttl field, so it is checked as ttl -1 (§7.4).
        var reply = await client.CreateAsync("/t", mode: CreateMode.PersistentWithTtl, op: op);

        Assert.Equal(ErrorCode.BadArguments, reply.Err);
    }

    [Theory]
    [InlineData(OpCode.Create)]
    [InlineData(OpCode.Create2)]
    public async Task PlainCreate_WithTtlMode_IsUnimplementedWhenDisabled(OpCode op)
    {
        await using var fixture = new EngineFixture();
        var client = await fixture.ConnectAsync();

        var reply = await client.CreateAsync("/t", mode: CreateMode.PersistentSequentialWithTtl, op: op);

        Assert.Equal(ErrorCode.Unimplemented, reply.Err);
    }

    [Fact]
    public async Task CreateWithNullData_StoresNull()
    {
        await using var fixture = new EngineFixture();
        var client = await fixture.ConnectAsync();

        await client.CallAsync(OpCode.Create, new CreateRequest("/n", null, TestClientExtensions.OpenAcl, 0));

        Assert.Null((await client.GetDataAsync("/n")).As<GetDataResponse>().Data);
    }

    [Fact]
    public async Task ChildOfZooKeeperNode_CanBeCreated()
    {
        await using var fixture = new EngineFixture();
        var client = await fixture.ConnectAsync();

        var reply = await client.CreateAsync("/zookeeper/mine");

        Assert.Equal(ErrorCode.Ok, reply.Err);
    }

    private static EngineFixture ExtendedTypes() => new(EngineFixture.DefaultOptions with
    {
        Properties = new Dictionary<string, string> { ["zookeeper.extendedTypesEnabled"] = "true" },
    });
}
