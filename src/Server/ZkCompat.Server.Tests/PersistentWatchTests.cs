using ZkCompat.Protocol.Codes;
using ZkCompat.Protocol.Ids;
using ZkCompat.Protocol.Records;
using ZkCompat.Server.Tests.Support;

namespace ZkCompat.Server.Tests;

/// <summary>addWatch modes 0 and 1 (PROTOCOL.md §5.3), as verified against Java 3.8.0.</summary>
public class PersistentWatchTests
{
    [Fact]
    public async Task Persistent_FiresForItsNodeAndItsChildrenList_Repeatedly()
    {
        await using var fixture = new EngineFixture();
        var watcher = await fixture.ConnectAsync();
        var actor = await fixture.ConnectAsync();
        await AddWatch(watcher, "/a", AddWatchMode.Persistent);

        await actor.CreateAsync("/a");
        await actor.SetDataAsync("/a", [1]);
        await actor.CreateAsync("/a/b");
        await actor.SetDataAsync("/a/b", [1]);
        await actor.DeleteAsync("/a/b");
        await actor.DeleteAsync("/a");
        await actor.CreateAsync("/a");
        await watcher.PingAsync();

        Assert.Equal(
            [(EventType.NodeCreated, "/a"), (EventType.NodeDataChanged, "/a"), (EventType.NodeChildrenChanged, "/a"),
             (EventType.NodeChildrenChanged, "/a"), (EventType.NodeDeleted, "/a"), (EventType.NodeCreated, "/a")],
            watcher.Events.Select(e => (e.Type, e.Path)));
    }

    [Fact]
    public async Task Recursive_FiresForEveryDescendant_ButNeverChildrenChanged()
    {
        await using var fixture = new EngineFixture();
        var watcher = await fixture.ConnectAsync();
        var actor = await fixture.ConnectAsync();
        await AddWatch(watcher, "/a", AddWatchMode.PersistentRecursive);

        await actor.CreateAsync("/a");
        await actor.CreateAsync("/a/b");
        await actor.CreateAsync("/a/b/c");
        await actor.SetDataAsync("/a/b/c", [1]);
        await actor.DeleteAsync("/a/b/c");
        await actor.CreateAsync("/ab");
        await watcher.PingAsync();

        Assert.Equal(
            [(EventType.NodeCreated, "/a"), (EventType.NodeCreated, "/a/b"), (EventType.NodeCreated, "/a/b/c"),
             (EventType.NodeDataChanged, "/a/b/c"), (EventType.NodeDeleted, "/a/b/c")],
            watcher.Events.Select(e => (e.Type, e.Path)));
    }

    [Fact]
    public async Task RecursiveOnRoot_SeesEverything()
    {
        await using var fixture = new EngineFixture();
        var watcher = await fixture.ConnectAsync();
        await AddWatch(watcher, "/", AddWatchMode.PersistentRecursive);

        await watcher.CreateAsync("/x");

        Assert.Equal([(EventType.NodeCreated, "/x")], watcher.Events.Select(e => (e.Type, e.Path)));
    }

    [Fact]
    public async Task AddWatch_WithAnUnknownMode_IsMarshallingError()
    {
        await using var fixture = new EngineFixture();
        var client = await fixture.ConnectAsync();

        var reply = await client.CallAsync(OpCode.AddWatch, new AddWatchRequest("/a", 2));

        Assert.Equal(ErrorCode.MarshallingError, reply.Err);
    }

    [Fact]
    public async Task RemoveWatchesAny_RemovesAPersistentWatch()
    {
        await using var fixture = new EngineFixture();
        var client = await fixture.ConnectAsync();
        await AddWatch(client, "/a", AddWatchMode.PersistentRecursive);

        var check = await client.CallAsync(OpCode.CheckWatches, new WatchesRequest("/a", WatcherType.Data));
        var remove = await client.CallAsync(OpCode.RemoveWatches, new WatchesRequest("/a", WatcherType.Any));
        await client.CreateAsync("/a");

        Assert.Equal((ErrorCode.Ok, ErrorCode.Ok), (check.Err, remove.Err));
        Assert.Empty(client.Events);
    }

    [Fact]
    public async Task SetWatches2_ReRegistersPersistentWatches_WithoutCatchUpEvents()
    {
        await using var fixture = new EngineFixture();
        var first = await fixture.ConnectAsync();
        await first.CreateAsync("/p");
        var again = await fixture.ConnectAsync(sessionId: first.SessionId().Value, password: first.Password());

        var reply = await again.CallAsync(OpCode.SetWatches2, new SetWatches2(Zxid.Zero, [], [], [], ["/p"], ["/r"]));
        await again.SetDataAsync("/p", [1]);
        await again.CreateAsync("/r");
        await again.CreateAsync("/r/s");

        Assert.Equal(ErrorCode.Ok, reply.Err);
        Assert.Equal(
            [(EventType.NodeDataChanged, "/p"), (EventType.NodeCreated, "/r"), (EventType.NodeCreated, "/r/s")],
            again.Events.Select(e => (e.Type, e.Path)));
    }

    private static async Task AddWatch(TestClient client, string path, AddWatchMode mode)
    {
        var reply = await client.CallAsync(OpCode.AddWatch, new AddWatchRequest(path, (int)mode));
        Assert.Equal(new ErrorResponse(ErrorCode.Ok), reply.Body);
    }
}
