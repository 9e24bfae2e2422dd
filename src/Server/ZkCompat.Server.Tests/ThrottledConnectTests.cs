using ZkCompat.Protocol.Records;
using ZkCompat.Server.Options;
using ZkCompat.Server.Tests.Support;

namespace ZkCompat.Server.Tests;

/// <summary>
/// The engine asks the connection throttle before anything else in a ConnectRequest: a refused
/// connect is closed unanswered, counted in connection_rejected and not in connection_request_count.
/// </summary>
public class ThrottledConnectTests
{
    [Fact]
    public async Task ConnectBeyondTheTokens_IsClosedUnanswered_UntilTheBucketRefills()
    {
        await using var fixture = new EngineFixture(WithThrottle(new() { MaxTokens = 2, FillTimeMs = 1000 }));
        await fixture.ConnectAsync();
        await fixture.ConnectAsync();

        var refused = await ConnectRawAsync(fixture, sessionId: 0);

        Assert.Empty(await refused.ReadToEndAsync());
        Assert.Equal(1, fixture.Engine.Metrics.Counter("connection_rejected").Value);
        Assert.Equal(2, fixture.Engine.Metrics.Counter("connection_request_count").Value);
        var deficits = Dump(fixture, "connection_token_deficit");
        Assert.Equal((2L, 2L, 1L), ((long)deficits["cnt_connection_token_deficit"], (long)deficits["max_connection_token_deficit"], (long)deficits["min_connection_token_deficit"]));

        fixture.Time.Advance(TimeSpan.FromMilliseconds(1001));
        await fixture.ConnectAsync();
    }

    [Fact]
    public async Task WithWeights_ARenewCostsTheRenewWeight_AndARefusedOneKeepsTheSessionsConnection()
    {
        // A new session costs the global weight 3, a renew the renew weight 2.
        var throttle = new ConnectionThrottleOptions { MaxTokens = 5, FillTimeMs = 1000, WeightsEnabled = true };
        await using var fixture = new EngineFixture(WithThrottle(throttle));
        var owner = await fixture.ConnectAsync();

        // 2 tokens left: a renew (weight 2) passes once, then the next is refused.
        var first = fixture.Open();
        await first.HandshakeAsync(new ConnectRequest(0, default, 10_000, owner.SessionId(), owner.Password()));
        Assert.True(await owner.ClosedByServerAsync());
        var second = await ConnectRawAsync(fixture, first.SessionId().Value, first.Password());

        Assert.Empty(await second.ReadToEndAsync());
        Assert.Equal(Protocol.Codes.ErrorCode.Ok, (await first.PingAsync()).Err);
        Assert.Equal(1, fixture.Engine.Metrics.Counter("connection_rejected").Value);
    }

    [Fact]
    public async Task NoThrottle_StillRecordsADeficitOfZeroPerConnect_AsJavaDoes()
    {
        await using var fixture = new EngineFixture();
        await fixture.ConnectAsync();
        await fixture.ConnectAsync();

        var deficits = Dump(fixture, "connection_token_deficit");
        Assert.Equal((2L, 0L), ((long)deficits["cnt_connection_token_deficit"], (long)deficits["max_connection_token_deficit"]));
    }

    private static ServerOptions WithThrottle(ConnectionThrottleOptions throttle) =>
        EngineFixture.DefaultOptions with { ConnectionThrottle = throttle };

    private static async Task<TestClient> ConnectRawAsync(EngineFixture fixture, long sessionId, byte[]? password = null)
    {
        var client = fixture.Open();
        var request = new ConnectRequest(0, default, 10_000, new(sessionId), password ?? new byte[16]);
        await client.SendFrameAsync(w =>
        {
            request.Write(w);
            w.WriteBool(false);
        });
        return client;
    }

    private static Dictionary<string, object> Dump(EngineFixture fixture, string name)
    {
        var values = new List<(string Key, object Value)>();
        fixture.Engine.Metrics.Summary(name).Dump(values);
        return values.ToDictionary(v => v.Key, v => v.Value);
    }
}
