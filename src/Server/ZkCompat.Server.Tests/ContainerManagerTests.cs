using ZkCompat.Protocol.Codes;
using ZkCompat.Server.Processing;
using ZkCompat.Server.Tests.Support;

namespace ZkCompat.Server.Tests;

/// <summary>Container and TTL node removal (PROTOCOL.md §7.4).</summary>
public class ContainerManagerTests
{
    [Fact]
    public async Task EmptiedContainer_IsDeleted_ButANeverUsedOneStays()
    {
        await using var fixture = new EngineFixture();
        var client = await fixture.ConnectAsync();
        await client.CreateAsync("/used", op: OpCode.CreateContainer, mode: CreateMode.Container);
        await client.CreateAsync("/unused", op: OpCode.CreateContainer, mode: CreateMode.Container);
        await client.CreateAsync("/used/child");
        await client.DeleteAsync("/used/child");
        await client.ExistsAsync("/used", watch: true);

        await Check(fixture, client);

        Assert.Equal(ErrorCode.NoNode, (await client.ExistsAsync("/used")).Err);
        Assert.Equal(ErrorCode.Ok, (await client.ExistsAsync("/unused")).Err);
        Assert.Contains(client.Events, e => e.Type == EventType.NodeDeleted && e.Path == "/used");
    }

    [Fact]
    public async Task ContainerWithChildren_Stays()
    {
        await using var fixture = new EngineFixture();
        var client = await fixture.ConnectAsync();
        await client.CreateAsync("/c", op: OpCode.CreateContainer, mode: CreateMode.Container);
        await client.CreateAsync("/c/child");

        await Check(fixture, client);

        Assert.Equal(ErrorCode.Ok, (await client.ExistsAsync("/c")).Err);
    }

    [Fact]
    public async Task NeverUsedContainer_GoesAfterMaxNeverUsedInterval()
    {
        var options = EngineFixture.DefaultOptions with { Properties = new Dictionary<string, string> { ["znode.container.maxNeverUsedIntervalMs"] = "5000" } };
        await using var fixture = new EngineFixture(options);
        var client = await fixture.ConnectAsync();
        await client.CreateAsync("/c", op: OpCode.CreateContainer, mode: CreateMode.Container);

        await Check(fixture, client);
        var early = (await client.ExistsAsync("/c")).Err;
        fixture.Time.Advance(TimeSpan.FromSeconds(6));
        await Check(fixture, client);

        Assert.Equal((ErrorCode.Ok, ErrorCode.NoNode), (early, (await client.ExistsAsync("/c")).Err));
    }

    [Fact]
    public async Task TtlNode_GoesOnceItsTtlPassesWithoutChange()
    {
        var options = EngineFixture.DefaultOptions with { Properties = new Dictionary<string, string> { ["zookeeper.extendedTypesEnabled"] = "true" } };
        await using var fixture = new EngineFixture(options);
        var client = await fixture.ConnectAsync();
        Assert.Equal(ErrorCode.Ok, (await client.CreateTtlAsync("/t", 5000)).Err);

        fixture.Time.Advance(TimeSpan.FromSeconds(3));
        await client.SetDataAsync("/t", [1]);
        fixture.Time.Advance(TimeSpan.FromSeconds(3));
        await Check(fixture, client);
        var afterTouch = (await client.ExistsAsync("/t")).Err;
        fixture.Time.Advance(TimeSpan.FromSeconds(3));
        await Check(fixture, client);

        Assert.Equal((ErrorCode.Ok, ErrorCode.NoNode), (afterTouch, (await client.ExistsAsync("/t")).Err));
    }

    [Fact]
    public async Task OneCheck_DeletesAtMostItsShareOfMaxPerMinute()
    {
        var options = EngineFixture.DefaultOptions with
        {
            Properties = new Dictionary<string, string> { ["znode.container.maxPerMinute"] = "2", ["znode.container.checkIntervalMs"] = "60000" },
        };
        await using var fixture = new EngineFixture(options);
        var client = await fixture.ConnectAsync();
        for (var i = 0; i < 5; i++)
        {
            await client.CreateAsync($"/c{i}", op: OpCode.CreateContainer, mode: CreateMode.Container);
            await client.CreateAsync($"/c{i}/x");
            await client.DeleteAsync($"/c{i}/x");
        }

        await Check(fixture, client);

        var left = (await client.GetChildrenAsync("/")).As<Protocol.Records.GetChildrenResponse>().Children!.Count(c => c.StartsWith('c'));
        Assert.Equal(3, left);
    }

    /// <summary>Posts a check, then a ping: the loop handles work in order, so the ping's reply means the check ran.</summary>
    private static async Task Check(EngineFixture fixture, TestClient client)
    {
        fixture.Engine.Post(new ContainerCheckWork());
        await client.PingAsync();
    }
}
