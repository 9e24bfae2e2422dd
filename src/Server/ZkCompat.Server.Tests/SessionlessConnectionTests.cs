using ZkCompat.Server.Tests.Support;

namespace ZkCompat.Server.Tests;

/// <summary>A connection that never sends a ConnectRequest is dropped, as Java drops it after 10 s (§2.2 rule 8).</summary>
public class SessionlessConnectionTests
{
    [Fact]
    public async Task SilentConnection_IsClosedAfterTheSessionlessTimeout()
    {
        await using var fixture = new EngineFixture(EngineFixture.DefaultOptions with { SessionlessConnectionTimeoutMs = 50 });
        var silent = fixture.Open();

        Assert.True(await silent.ClosedByServerAsync());
    }

    [Fact]
    public async Task HalfAConnectRequest_IsClosedAfterTheSessionlessTimeout()
    {
        await using var fixture = new EngineFixture(EngineFixture.DefaultOptions with { SessionlessConnectionTimeoutMs = 50 });
        var slow = fixture.Open();

        await slow.SendRawAsync([0, 0, 0, 45, 0, 0]);

        Assert.True(await slow.ClosedByServerAsync());
    }

    [Fact]
    public async Task EstablishedSession_OutlivesTheSessionlessTimeout()
    {
        await using var fixture = new EngineFixture(EngineFixture.DefaultOptions with { SessionlessConnectionTimeoutMs = 50 });
        var client = await fixture.ConnectAsync();
        var silent = fixture.Open();
        Assert.True(await silent.ClosedByServerAsync());

        Assert.Equal(Protocol.Codes.ErrorCode.Ok, (await client.PingAsync()).Err);
    }
}
