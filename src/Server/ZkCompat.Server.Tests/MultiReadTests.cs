using ZkCompat.Protocol.Codes;
using ZkCompat.Protocol.Records;
using ZkCompat.Server.Tests.Support;
using static ZkCompat.Server.Tests.Support.TestClientExtensions;

namespace ZkCompat.Server.Tests;

/// <summary>multiRead (op 22): independent results, no watches, no zxid (§3.5).</summary>
public class MultiReadTests
{
    [Fact]
    public async Task MultiRead_AnswersEachOpIndependently()
    {
        await using var fixture = new EngineFixture();
        var client = await fixture.ConnectAsync();
        await client.CreateAsync("/a", "x"u8.ToArray());
        await client.CreateAsync("/a/c");

        var reply = await client.CallAsync(OpCode.MultiRead, Multi(GetData("/a"), GetData("/missing"), GetChildren("/a"), GetChildren("/missing")));

        Assert.Equal(ErrorCode.Ok, reply.Err);
        var results = reply.As<MultiResponse>().Results;
        Assert.Equal([(OpCode.GetData, ErrorCode.Ok), (OpCode.Error, ErrorCode.NoNode), (OpCode.GetChildren, ErrorCode.Ok), (OpCode.Error, ErrorCode.NoNode)], reply.Results());
        Assert.Equal("x"u8.ToArray(), Assert.IsType<GetDataResponse>(results[0].Body).Data);
        Assert.Equal(new ErrorResponse(ErrorCode.NoNode), results[1].Body);
        Assert.Equal(["c"], Assert.IsType<GetChildrenResponse>(results[2].Body).Children);
    }

    [Fact]
    public async Task MultiRead_ChecksReadPermissionPerOp()
    {
        await using var fixture = new EngineFixture();
        var alice = await fixture.ConnectAsync();
        await alice.AuthAsync("digest", "alice:secret");
        await alice.CreateAsync("/locked", acl: AliceOnly);
        await alice.CreateAsync("/open");
        var stranger = await fixture.ConnectAsync();

        var reply = await stranger.CallAsync(OpCode.MultiRead, Multi(GetData("/locked"), GetData("/open")));

        Assert.Equal([(OpCode.Error, ErrorCode.NoAuth), (OpCode.GetData, ErrorCode.Ok)], reply.Results());
    }

    [Fact]
    public async Task MultiRead_NeverSetsWatches_EvenWhenAsked()
    {
        await using var fixture = new EngineFixture();
        var client = await fixture.ConnectAsync();
        await client.CreateAsync("/a");

        await client.CallAsync(OpCode.MultiRead, Multi(
            new MultiOp(OpCode.GetData, new PathWatchRequest("/a", true)),
            new MultiOp(OpCode.GetChildren, new PathWatchRequest("/a", true))));
        await client.CreateAsync("/a/b");
        await client.SetDataAsync("/a", [1]);

        Assert.Empty(client.Events);
        Assert.Equal(ErrorCode.NoWatcher, (await client.CheckWatchesAsync("/a", WatcherType.Any)).Err);
    }

    [Fact]
    public async Task MultiRead_DoesNotUseAZxid()
    {
        await using var fixture = new EngineFixture();
        var client = await fixture.ConnectAsync();
        var before = await client.ProbeZxidAsync();

        var reply = await client.CallAsync(OpCode.MultiRead, Multi(GetData("/")));

        Assert.Equal(before, reply.Header.Zxid.Value);
        Assert.Equal(before + 1, await client.ProbeZxidAsync());
    }

    [Fact]
    public async Task EmptyMultiRead_ReturnsNoResults()
    {
        await using var fixture = new EngineFixture();
        var client = await fixture.ConnectAsync();

        var reply = await client.CallAsync(OpCode.MultiRead, Multi());

        Assert.Empty(reply.As<MultiResponse>().Results);
    }

    [Fact]
    public async Task MultiRead_WithWriteOp_IsMarshallingError_AndConnectionStaysUsable()
    {
        await using var fixture = new EngineFixture();
        var client = await fixture.ConnectAsync();

        var xid = await client.SendAsync(OpCode.MultiRead, Multi(Create("/a")));
        // Java sends an empty MultiResponse after the error header; clients ignore bodies when err != 0.
        var frame = await client.NextFrameAsync();

        Assert.NotNull(frame);
        Assert.Equal((xid, ErrorCode.MarshallingError), (TestClient.HeaderOf(frame).Xid, TestClient.HeaderOf(frame).Err));
        Assert.Equal(ErrorCode.NoNode, (await client.ExistsAsync("/a")).Err);
    }
}
