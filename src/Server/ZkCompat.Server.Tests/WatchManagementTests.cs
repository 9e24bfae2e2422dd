using ZkCompat.Protocol.Codes;
using ZkCompat.Protocol.Ids;
using ZkCompat.Protocol.Records;
using ZkCompat.Server.Tests.Support;

namespace ZkCompat.Server.Tests;

/// <summary>checkWatches / removeWatches (§5.5) and setWatches / setWatches2 catch-up (§5.4).</summary>
public class WatchManagementTests
{
    [Theory]
    [InlineData(WatcherType.Data, ErrorCode.Ok)]
    [InlineData(WatcherType.Children, ErrorCode.NoWatcher)]
    [InlineData(WatcherType.Any, ErrorCode.Ok)]
    public async Task CheckWatches_SeesOnlyTheGivenType(WatcherType type, ErrorCode expected)
    {
        await using var fixture = new EngineFixture();
        var client = await fixture.ConnectAsync();
        await client.ExistsAsync("/a", watch: true);

        var reply = await client.CheckWatchesAsync("/a", type);

        Assert.Equal(expected, reply.Err);
        Assert.Null(reply.Body);
    }

    [Fact]
    public async Task CheckWatches_NoneOnPath_IsNoWatcher_OtherConnectionsDoNotCount()
    {
        await using var fixture = new EngineFixture();
        var client = await fixture.ConnectAsync();
        var other = await fixture.ConnectAsync();
        await other.ExistsAsync("/a", watch: true);

        Assert.Equal(ErrorCode.NoWatcher, (await client.CheckWatchesAsync("/a", WatcherType.Any)).Err);
    }

    [Fact]
    public async Task CheckWatches_DoesNotRemove()
    {
        await using var fixture = new EngineFixture();
        var client = await fixture.ConnectAsync();
        await client.ExistsAsync("/a", watch: true);

        await client.CheckWatchesAsync("/a", WatcherType.Data);
        await client.CreateAsync("/a");

        Assert.Single(client.Events);
    }

    [Fact]
    public async Task RemoveWatches_RemovesSilently_ThenNoWatcher()
    {
        await using var fixture = new EngineFixture();
        var client = await fixture.ConnectAsync();
        await client.CreateAsync("/a");
        await client.GetDataAsync("/a", watch: true);
        await client.GetChildrenAsync("/a", watch: true);

        var removed = await client.CallAsync(OpCode.RemoveWatches, new WatchesRequest("/a", WatcherType.Data));
        var again = await client.CallAsync(OpCode.RemoveWatches, new WatchesRequest("/a", WatcherType.Data));
        await client.SetDataAsync("/a", [1]);

        Assert.Equal(ErrorCode.Ok, removed.Err);
        Assert.Equal(ErrorCode.NoWatcher, again.Err);
        Assert.Empty(client.Events);
        Assert.Equal(ErrorCode.Ok, (await client.CheckWatchesAsync("/a", WatcherType.Children)).Err);
    }

    [Fact]
    public async Task RemoveWatches_AnyRemovesBothTables()
    {
        await using var fixture = new EngineFixture();
        var client = await fixture.ConnectAsync();
        await client.CreateAsync("/a");
        await client.GetDataAsync("/a", watch: true);
        await client.GetChildrenAsync("/a", watch: true);

        Assert.Equal(ErrorCode.Ok, (await client.CallAsync(OpCode.RemoveWatches, new WatchesRequest("/a", WatcherType.Any))).Err);

        Assert.Equal(ErrorCode.NoWatcher, (await client.CheckWatchesAsync("/a", WatcherType.Any)).Err);
    }

    [Fact]
    public async Task RemoveWatches_NoneOnPath_IsNoWatcher_AndNoZxidIsUsed()
    {
        await using var fixture = new EngineFixture();
        var client = await fixture.ConnectAsync();
        var before = await client.ProbeZxidAsync();

        var reply = await client.CallAsync(OpCode.RemoveWatches, new WatchesRequest("/nothing", WatcherType.Any));

        Assert.Equal(ErrorCode.NoWatcher, reply.Err);
        Assert.Equal(before + 1, await client.ProbeZxidAsync());
    }

    [Fact]
    public async Task CheckWatches_UnknownType_IsMarshallingError()
    {
        await using var fixture = new EngineFixture();
        var client = await fixture.ConnectAsync();
        await client.ExistsAsync("/a", watch: true);

        Assert.Equal(ErrorCode.MarshallingError, (await client.CheckWatchesAsync("/a", (WatcherType)7)).Err);
    }

    [Fact]
    public async Task SetWatches_SendsCatchUpEventsBeforeItsReply_AndArmsTheRest()
    {
        await using var fixture = new EngineFixture();
        var client = await fixture.ConnectAsync();
        var relative = await Prepare(client);
        var seen = client.Received.Count;

        var reply = await client.CallAsync(OpCode.SetWatches, new SetWatches(
            relative, ["/gone", "/changed", "/same"], ["/exists", "/absent"], ["/gone", "/parent", "/same"]));

        Assert.Equal(ErrorCode.Ok, reply.Err);
        Assert.Null(reply.Body);
        Assert.Equal(
            [Event(EventType.NodeDeleted, "/gone"), Event(EventType.NodeDataChanged, "/changed"), Event(EventType.NodeCreated, "/exists"),
             Event(EventType.NodeDeleted, "/gone"), Event(EventType.NodeChildrenChanged, "/parent")],
            client.Events);
        Assert.Equal([.. Enumerable.Repeat(Xids.Notification, 5), reply.Header.Xid], client.Received[seen..]);
        await AssertArmed(client);
    }

    [Fact]
    public async Task SetWatches2_BehavesLikeSetWatchesForStandardLists()
    {
        await using var fixture = new EngineFixture();
        var client = await fixture.ConnectAsync();
        var relative = await Prepare(client);

        var reply = await client.CallAsync(OpCode.SetWatches2, new SetWatches2(
            relative, ["/gone", "/changed", "/same"], ["/exists", "/absent"], ["/gone", "/parent", "/same"], [], []));

        Assert.Equal(ErrorCode.Ok, reply.Err);
        Assert.Equal(5, client.Events.Count);
        await AssertArmed(client);
    }

    [Fact]
    public async Task SetWatches_ReplyEchoesTheRequestXid()
    {
        await using var fixture = new EngineFixture();
        var client = await fixture.ConnectAsync();

        var xid = await client.SendAsync(OpCode.SetWatches, new SetWatches(Zxid.Zero, [], [], []));
        var reply = await client.NextAsync();

        Assert.Equal(xid, reply!.Header.Xid);
        var fixedXid = await client.SendRawBodyAsync(OpCode.SetWatches, [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], Xids.SetWatches);
        Assert.Equal(Xids.SetWatches, (await client.ReplyToAsync(fixedXid)).Header.Xid);
    }

    [Fact]
    public async Task SetWatches_WithNullLists_IsMarshallingError()
    {
        await using var fixture = new EngineFixture();
        var client = await fixture.ConnectAsync();

        var reply = await client.CallAsync(OpCode.SetWatches, new SetWatches(Zxid.Zero, null, null, null));

        // Checked against Java 3.8.0 with a raw socket: it walks each list and answers -5.
        Assert.Equal(ErrorCode.MarshallingError, reply.Err);
    }

    /// <summary>/same and /parent exist before the returned zxid; /changed and /parent's children change after it.</summary>
    private static async Task<Zxid> Prepare(TestClient client)
    {
        await client.CreateAsync("/same");
        await client.CreateAsync("/changed");
        await client.CreateAsync("/parent");
        var relative = (await client.CreateAsync("/gone")).Header.Zxid;
        await client.SetDataAsync("/changed", [1]);
        await client.CreateAsync("/parent/child");
        await client.CreateAsync("/exists");
        await client.DeleteAsync("/gone");
        return relative;
    }

    private static async Task AssertArmed(TestClient client)
    {
        Assert.Equal(ErrorCode.Ok, (await client.CheckWatchesAsync("/same", WatcherType.Data)).Err);
        Assert.Equal(ErrorCode.Ok, (await client.CheckWatchesAsync("/same", WatcherType.Children)).Err);
        Assert.Equal(ErrorCode.Ok, (await client.CheckWatchesAsync("/absent", WatcherType.Data)).Err);
        Assert.Equal(ErrorCode.NoWatcher, (await client.CheckWatchesAsync("/changed", WatcherType.Any)).Err);
        Assert.Equal(ErrorCode.NoWatcher, (await client.CheckWatchesAsync("/parent", WatcherType.Any)).Err);
        Assert.Equal(ErrorCode.NoWatcher, (await client.CheckWatchesAsync("/exists", WatcherType.Any)).Err);
    }

    private static WatcherEvent Event(EventType type, string path) => new(type, KeeperState.SyncConnected, path);
}
