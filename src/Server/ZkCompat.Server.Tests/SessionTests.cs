using ZkCompat.Protocol.Codes;
using ZkCompat.Protocol.Ids;
using ZkCompat.Protocol.Records;
using ZkCompat.Server.Tests.Support;

namespace ZkCompat.Server.Tests;

/// <summary>Session life: resume, refused reconnects, expiry buckets, closeSession and ping (§2.2, §2.5, §3.2).</summary>
public class SessionTests
{
    [Fact]
    public async Task ReconnectWithIdAndPassword_ResumesSessionAndClosesPreviousConnection()
    {
        await using var fixture = new EngineFixture();
        var first = await fixture.ConnectAsync();
        await first.CreateAsync("/eph", mode: CreateMode.Ephemeral);

        var second = await fixture.ConnectAsync(sessionId: first.SessionId().Value, password: first.Password());

        Assert.Equal(first.SessionId(), second.SessionId());
        Assert.Equal(first.Password(), second.Password());
        Assert.True(await first.ClosedByServerAsync());
        var stat = await second.StatAsync("/eph");
        Assert.Equal(first.SessionId().Value, stat.EphemeralOwner);
        Assert.Equal(["/eph"], (await second.CallAsync(OpCode.GetEphemerals, new PathRequest("/"))).As<PathListResponse>().Paths);
    }

    [Fact]
    public async Task Reconnect_NegotiatesTheNewTimeout()
    {
        await using var fixture = new EngineFixture();
        var first = await fixture.ConnectAsync(timeoutMs: 10_000);
        var second = fixture.Open();

        var response = await second.HandshakeAsync(new ConnectRequest(0, Zxid.Zero, 1, first.SessionId(), first.Password()));

        Assert.Equal(4000, response.TimeoutMs);
        Assert.Equal(first.SessionId(), response.SessionId);
    }

    [Fact]
    public async Task WrongPassword_GetsZeroResponse_ClosesBothConnections_SessionSurvives()
    {
        await using var fixture = new EngineFixture();
        var owner = await fixture.ConnectAsync();
        await owner.CreateAsync("/eph", mode: CreateMode.Ephemeral);
        var intruder = fixture.Open();

        var refused = await intruder.HandshakeAsync(new ConnectRequest(0, Zxid.Zero, 10_000, owner.SessionId(), new byte[16]));

        AssertZeroResponse(refused);
        Assert.True(await intruder.ClosedByServerAsync());
        Assert.True(await owner.ClosedByServerAsync());
        var resumed = await fixture.ConnectAsync(sessionId: owner.SessionId().Value, password: owner.Password());
        Assert.Equal(ErrorCode.Ok, (await resumed.ExistsAsync("/eph")).Err);
    }

    [Fact]
    public async Task UnknownSession_GetsZeroResponseThenClose()
    {
        await using var fixture = new EngineFixture();
        var client = fixture.Open();

        var refused = await client.HandshakeAsync(new ConnectRequest(0, Zxid.Zero, 10_000, new SessionId(0x0100000bdf270000), new byte[16]));

        AssertZeroResponse(refused);
        Assert.True(await client.ClosedByServerAsync());
    }

    [Fact]
    public async Task Expiry_WaitsForTheRoundedUpBucket_ThenDeletesEphemeralsAndNotifiesWatchers()
    {
        await using var fixture = new EngineFixture();
        var doomed = await fixture.ConnectAsync(timeoutMs: 4000);
        var watcher = await fixture.ConnectAsync(timeoutMs: 40_000);
        await doomed.CreateAsync("/eph", mode: CreateMode.Ephemeral);
        await watcher.ExistsAsync("/eph", watch: true);

        // Touched at t0 (a multiple of tickTime); due at roundUp(t0 + 4000) = t0 + 6000 (§2.5).
        fixture.Advance(TimeSpan.FromMilliseconds(5999));
        Assert.Equal(ErrorCode.Ok, (await watcher.ExistsAsync("/eph")).Err);

        fixture.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(ErrorCode.NoNode, (await watcher.ExistsAsync("/eph")).Err);
        Assert.Equal((EventType.NodeDeleted, "/eph"), (watcher.Events.Single().Type, watcher.Events.Single().Path));
        Assert.True(await doomed.ClosedByServerAsync());
    }

    [Fact]
    public async Task ExpiredSession_CannotBeResumed()
    {
        await using var fixture = new EngineFixture();
        var doomed = await fixture.ConnectAsync(timeoutMs: 4000);
        var other = await fixture.ConnectAsync(timeoutMs: 40_000);

        fixture.Advance(TimeSpan.FromMilliseconds(6000));
        await other.PingAsync();
        var client = fixture.Open();
        var refused = await client.HandshakeAsync(new ConnectRequest(0, Zxid.Zero, 10_000, doomed.SessionId(), doomed.Password()));

        AssertZeroResponse(refused);
        Assert.Equal(1, fixture.Engine.SessionCount);
    }

    [Fact]
    public async Task Expiry_ConsumesAZxidForTheCloseSessionTxn()
    {
        await using var fixture = new EngineFixture();
        var doomed = await fixture.ConnectAsync(timeoutMs: 4000);
        var other = await fixture.ConnectAsync(timeoutMs: 40_000);
        var before = await other.ProbeZxidAsync();

        fixture.Advance(TimeSpan.FromMilliseconds(6000));
        var after = await other.ProbeZxidAsync();

        Assert.Equal(before + 2, after);
        Assert.True(await doomed.ClosedByServerAsync());
    }

    [Theory]
    [InlineData(OpCode.Ping)]
    [InlineData(OpCode.Exists)]
    public async Task EveryRequest_PostponesExpiry(OpCode touch)
    {
        await using var fixture = new EngineFixture();
        var client = await fixture.ConnectAsync(timeoutMs: 4000);
        var observer = await fixture.ConnectAsync(timeoutMs: 40_000);
        await client.CreateAsync("/eph", mode: CreateMode.Ephemeral);

        fixture.Advance(TimeSpan.FromMilliseconds(3000));
        await client.CallAsync(touch, touch == OpCode.Ping ? null : new PathWatchRequest("/", false));
        // Now due at roundUp(t0 + 3000 + 4000) = t0 + 8000, past the original t0 + 6000.
        fixture.Advance(TimeSpan.FromMilliseconds(4999));
        Assert.Equal(ErrorCode.Ok, (await observer.ExistsAsync("/eph")).Err);

        fixture.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(ErrorCode.NoNode, (await observer.ExistsAsync("/eph")).Err);
    }

    [Fact]
    public async Task DisconnectedSession_StaysUntilItsTimeout()
    {
        await using var fixture = new EngineFixture();
        var client = await fixture.ConnectAsync(timeoutMs: 4000);
        var observer = await fixture.ConnectAsync(timeoutMs: 40_000);
        await client.CreateAsync("/eph", mode: CreateMode.Ephemeral);

        await client.DisposeAsync();
        Assert.Equal(ErrorCode.Ok, (await observer.ExistsAsync("/eph")).Err);

        fixture.Advance(TimeSpan.FromMilliseconds(6000));
        Assert.Equal(ErrorCode.NoNode, (await observer.ExistsAsync("/eph")).Err);
    }

    [Fact]
    public async Task CloseSession_DeletesEphemerals_RepliesWithItsZxid_ThenCloses()
    {
        await using var fixture = new EngineFixture();
        var client = await fixture.ConnectAsync();
        var observer = await fixture.ConnectAsync();
        var created = await client.CreateAsync("/eph", mode: CreateMode.Ephemeral);
        await observer.GetChildrenAsync("/", watch: true);

        var closed = await client.CallAsync(OpCode.CloseSession);

        Assert.Equal(ErrorCode.Ok, closed.Err);
        Assert.Null(closed.Body);
        Assert.Equal(created.Header.Zxid.Value + 1, closed.Header.Zxid.Value);
        Assert.True(await client.ClosedByServerAsync());
        Assert.Equal(ErrorCode.NoNode, (await observer.ExistsAsync("/eph")).Err);
        Assert.Equal((EventType.NodeChildrenChanged, "/"), (observer.Events.Single().Type, observer.Events.Single().Path));
        Assert.Equal(closed.Header.Zxid.Value + 1, await observer.ProbeZxidAsync());
    }

    [Fact]
    public async Task ClosedSession_CannotBeResumed()
    {
        await using var fixture = new EngineFixture();
        var client = await fixture.ConnectAsync();
        await client.CallAsync(OpCode.CloseSession);
        var again = fixture.Open();

        var refused = await again.HandshakeAsync(new ConnectRequest(0, Zxid.Zero, 10_000, client.SessionId(), client.Password()));

        AssertZeroResponse(refused);
    }

    [Fact]
    public async Task Ping_RepliesWithXidMinusTwoAndLastZxid()
    {
        await using var fixture = new EngineFixture();
        var client = await fixture.ConnectAsync();
        var created = await client.CreateAsync("/a");

        var pong = await client.PingAsync();

        Assert.Equal(new ReplyHeader(Xids.Ping, created.Header.Zxid, ErrorCode.Ok), pong.Header);
        Assert.Null(pong.Body);
    }

    [Fact]
    public async Task Ping_WithAnyXid_IsAnsweredWithXidMinusTwo()
    {
        await using var fixture = new EngineFixture();
        var client = await fixture.ConnectAsync();

        await client.SendFrameAsync(w => new RequestHeader(9, OpCode.Ping).Write(w));
        var frame = await client.NextFrameAsync();

        Assert.Equal(Xids.Ping, TestClient.HeaderOf(frame!).Xid);
    }

    private static void AssertZeroResponse(ConnectResponse response)
    {
        Assert.Equal(0, response.ProtocolVersion);
        Assert.Equal(0, response.TimeoutMs);
        Assert.Equal(SessionId.None, response.SessionId);
        Assert.Equal(new byte[16], response.Password);
    }
}
