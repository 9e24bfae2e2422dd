using ZkCompat.Protocol.Codes;
using ZkCompat.Protocol.Ids;
using ZkCompat.Protocol.Records;
using ZkCompat.Server.Net;
using ZkCompat.Server.Processing;
using ZkCompat.Server.Tests.Support;

namespace ZkCompat.Server.Tests;

/// <summary>A bound on requests in flight, with back-pressure instead of an unbounded queue (the client API issue).</summary>
public class RequestThrottleTests
{
    [Fact]
    public void AtTheLimit_WaitsUntilAReplyDrains()
    {
        var throttle = new RequestThrottle(2);
        throttle.Enter();
        var below = throttle.WhenBelowLimit().IsCompleted;
        throttle.Enter();
        var wait = throttle.WhenBelowLimit();

        var blockedAtLimit = !wait.IsCompleted;
        throttle.Exit();

        Assert.True(below);
        Assert.True(blockedAtLimit);
        Assert.True(wait.IsCompleted);
    }

    [Fact]
    public async Task PipelinedRequests_NeverExceedTheLimit_AndAllGetTheirReplies()
    {
        await using var fixture = new EngineFixture();
        var throttle = new RequestThrottle(3);
        var client = fixture.Open(throttle);
        await client.HandshakeAsync(new ConnectRequest(0, Zxid.Zero, 10_000, SessionId.None, new byte[16]));
        using var paused = new ManualResetEventSlim();
        fixture.Engine.Post(new InspectWork(_ => paused.Wait(TimeSpan.FromSeconds(10))));

        var xids = new List<int>();
        for (var i = 0; i < 20; i++)
            xids.Add(await client.SendAsync(OpCode.Exists, new PathWatchRequest("/", false)));
        var reachedLimit = await Poll(() => throttle.Outstanding == 3);
        paused.Set();
        foreach (var xid in xids)
            Assert.Equal(ErrorCode.Ok, (await client.ReplyToAsync(xid)).Err);

        Assert.True(reachedLimit);
        Assert.Equal(3, throttle.MaxSeen);
        Assert.Equal(0, throttle.Outstanding);
    }

    private static async Task<bool> Poll(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
                return false;
            await Task.Yield();
        }

        return true;
    }
}
