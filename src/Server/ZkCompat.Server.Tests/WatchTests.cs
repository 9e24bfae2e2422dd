using ZkCompat.Protocol.Codes;
using ZkCompat.Protocol.Records;
using ZkCompat.Server.Tests.Support;

namespace ZkCompat.Server.Tests;

/// <summary>Where watches are set and what fires them (§5.2, §5.3).</summary>
public class WatchTests
{
    [Fact]
    public async Task ExistsWatchOnMissingNode_FiresNodeCreated()
    {
        await using var fixture = new EngineFixture();
        var client = await fixture.ConnectAsync();

        Assert.Equal(ErrorCode.NoNode, (await client.ExistsAsync("/a", watch: true)).Err);
        await client.CreateAsync("/a");

        Assert.Equal([Event(EventType.NodeCreated, "/a")], client.Events);
    }

    [Fact]
    public async Task GetDataOrChildrenOnMissingNode_SetsNoWatch()
    {
        await using var fixture = new EngineFixture();
        var client = await fixture.ConnectAsync();

        await client.GetDataAsync("/a", watch: true);
        await client.GetChildrenAsync("/a", watch: true);
        await client.CreateAsync("/a");
        await client.CreateAsync("/a/b");

        Assert.Empty(client.Events);
    }

    [Fact]
    public async Task SetData_FiresNodeDataChanged_Once()
    {
        await using var fixture = new EngineFixture();
        var client = await fixture.ConnectAsync();
        await client.CreateAsync("/a");
        await client.GetDataAsync("/a", watch: true);

        await client.SetDataAsync("/a", [1]);
        await client.SetDataAsync("/a", [2]);

        Assert.Equal([Event(EventType.NodeDataChanged, "/a")], client.Events);
    }

    [Fact]
    public async Task ExistsAndGetDataWatchesOnOnePath_FireOnce()
    {
        await using var fixture = new EngineFixture();
        var client = await fixture.ConnectAsync();
        await client.CreateAsync("/a");
        await client.ExistsAsync("/a", watch: true);
        await client.GetDataAsync("/a", watch: true);

        await client.SetDataAsync("/a", [1]);

        Assert.Single(client.Events);
    }

    [Fact]
    public async Task Delete_SendsOneNodeDeletedToDataAndChildWatchers_ThenChildrenChangedToParent()
    {
        await using var fixture = new EngineFixture();
        var both = await fixture.ConnectAsync();
        var dataOnly = await fixture.ConnectAsync();
        var childOnly = await fixture.ConnectAsync();
        await both.CreateAsync("/p");
        await both.CreateAsync("/p/a");
        await both.GetDataAsync("/p/a", watch: true);
        await both.GetChildrenAsync("/p/a", watch: true);
        await both.GetChildrenAsync("/p", watch: true);
        await dataOnly.ExistsAsync("/p/a", watch: true);
        await childOnly.GetChildrenAsync("/p/a", watch: true);

        await both.DeleteAsync("/p/a");
        await dataOnly.PingAsync();
        await childOnly.PingAsync();

        Assert.Equal([Event(EventType.NodeDeleted, "/p/a"), Event(EventType.NodeChildrenChanged, "/p")], both.Events);
        Assert.Equal([Event(EventType.NodeDeleted, "/p/a")], dataOnly.Events);
        Assert.Equal([Event(EventType.NodeDeleted, "/p/a")], childOnly.Events);
    }

    [Fact]
    public async Task ChildCreate_FiresNodeChildrenChangedOnParent_RootIsSlash()
    {
        await using var fixture = new EngineFixture();
        var client = await fixture.ConnectAsync();
        await client.GetChildrenAsync("/", watch: true);

        await client.CreateAsync("/a");
        await client.GetChildrenAsync("/a", watch: true);
        await client.CreateAsync("/a/b");

        Assert.Equal([Event(EventType.NodeChildrenChanged, "/"), Event(EventType.NodeChildrenChanged, "/a")], client.Events);
    }

    [Fact]
    public async Task ChildWatch_IgnoresDataChangesOfParentAndChildren()
    {
        await using var fixture = new EngineFixture();
        var client = await fixture.ConnectAsync();
        await client.CreateAsync("/a");
        await client.CreateAsync("/a/b");
        await client.CallAsync(OpCode.GetChildren2, new PathWatchRequest("/a", true));

        await client.SetDataAsync("/a", [1]);
        await client.SetDataAsync("/a/b", [1]);
        await client.SetAclAsync("/a", TestClientExtensions.OpenAcl);

        Assert.Empty(client.Events);
        Assert.Equal(ErrorCode.Ok, (await client.CheckWatchesAsync("/a", WatcherType.Children)).Err);
    }

    [Fact]
    public async Task SetAcl_FiresNothing()
    {
        await using var fixture = new EngineFixture();
        var client = await fixture.ConnectAsync();
        await client.CreateAsync("/a");
        await client.GetDataAsync("/a", watch: true);

        await client.SetAclAsync("/a", TestClientExtensions.OpenAcl);

        Assert.Empty(client.Events);
    }

    [Fact]
    public async Task Notifications_ReachOtherSessions_WithStateSyncConnected()
    {
        await using var fixture = new EngineFixture();
        var watcher = await fixture.ConnectAsync();
        var writer = await fixture.ConnectAsync();
        await writer.CreateAsync("/a");
        await watcher.GetDataAsync("/a", watch: true);

        await writer.SetDataAsync("/a", [1]);
        await watcher.PingAsync();

        Assert.Equal([new WatcherEvent(EventType.NodeDataChanged, KeeperState.SyncConnected, "/a")], watcher.Events);
        Assert.Empty(writer.Events);
    }

    [Fact]
    public async Task Notification_PrecedesTheReplyToTheChange_WithXidAndZxidMinusOne()
    {
        await using var fixture = new EngineFixture();
        var client = await fixture.ConnectAsync();
        await client.CreateAsync("/a");
        await client.GetDataAsync("/a", watch: true);
        var seen = client.Received.Count;

        var xid = await client.SendAsync(OpCode.SetData, new SetDataRequest("/a", [1], -1));
        var notification = await client.NextFrameAsync();
        var reply = await client.ReplyToAsync(xid);

        Assert.Equal(new ReplyHeader(Xids.Notification, new(-1), ErrorCode.Ok), TestClient.HeaderOf(notification!));
        Assert.Equal(ErrorCode.Ok, reply.Err);
        Assert.Equal([xid], client.Received[seen..]);
    }

    [Fact]
    public async Task WatchesOfAClosedConnection_AreDropped()
    {
        await using var fixture = new EngineFixture();
        var gone = await fixture.ConnectAsync();
        var writer = await fixture.ConnectAsync();
        await writer.CreateAsync("/a");
        await gone.GetDataAsync("/a", watch: true);
        await gone.ExistsAsync("/missing", watch: true);
        await gone.GetChildrenAsync("/a", watch: true);

        await gone.DisposeAsync();
        await writer.SetDataAsync("/a", [1]);
        var resumed = await fixture.ConnectAsync(sessionId: gone.SessionId().Value, password: gone.Password());
        await writer.CreateAsync("/missing");
        await writer.CreateAsync("/a/b");
        await resumed.PingAsync();

        Assert.Empty(resumed.Events);
        Assert.Equal(0, fixture.Engine.Watches.DataWatchCount);
        Assert.Equal(0, fixture.Engine.Watches.ChildWatchCount);
    }

    [Fact]
    public async Task WatchesOfAReplacedConnection_AreDropped()
    {
        await using var fixture = new EngineFixture();
        var first = await fixture.ConnectAsync();
        var writer = await fixture.ConnectAsync();
        await writer.CreateAsync("/a");
        await first.GetDataAsync("/a", watch: true);

        var second = await fixture.ConnectAsync(sessionId: first.SessionId().Value, password: first.Password());
        await writer.SetDataAsync("/a", [1]);
        await second.PingAsync();

        Assert.Empty(second.Events);
        Assert.Equal(ErrorCode.NoWatcher, (await second.CheckWatchesAsync("/a", WatcherType.Data)).Err);
    }

    [Fact]
    public async Task EphemeralCleanupOnClose_FiresDeleteWatches()
    {
        await using var fixture = new EngineFixture();
        var owner = await fixture.ConnectAsync();
        var watcher = await fixture.ConnectAsync();
        await owner.CreateAsync("/e", mode: CreateMode.Ephemeral);
        await watcher.GetDataAsync("/e", watch: true);

        await owner.CallAsync(OpCode.CloseSession);
        await watcher.PingAsync();

        Assert.Equal([Event(EventType.NodeDeleted, "/e")], watcher.Events);
    }

    [Fact]
    public async Task WatchesInMultiCommit_FireForEveryOp()
    {
        await using var fixture = new EngineFixture();
        var client = await fixture.ConnectAsync();
        await client.CreateAsync("/a");
        await client.GetDataAsync("/a", watch: true);
        await client.ExistsAsync("/b", watch: true);

        await client.CallAsync(OpCode.Multi, TestClientExtensions.Multi(TestClientExtensions.SetData("/a", [1]), TestClientExtensions.Create("/b")));

        Assert.Equal([Event(EventType.NodeDataChanged, "/a"), Event(EventType.NodeCreated, "/b")], client.Events);
    }

    [Fact]
    public async Task FailedMulti_FiresNothing()
    {
        await using var fixture = new EngineFixture();
        var client = await fixture.ConnectAsync();
        await client.ExistsAsync("/b", watch: true);

        await client.CallAsync(OpCode.Multi, TestClientExtensions.Multi(TestClientExtensions.Create("/b"), TestClientExtensions.Delete("/missing")));

        Assert.Empty(client.Events);
        Assert.Equal(ErrorCode.Ok, (await client.CheckWatchesAsync("/b", WatcherType.Data)).Err);
    }

    private static WatcherEvent Event(EventType type, string path) => new(type, KeeperState.SyncConnected, path);
}
