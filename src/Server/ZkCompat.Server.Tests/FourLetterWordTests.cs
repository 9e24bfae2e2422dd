using System.Text;
using ZkCompat.Protocol.Codes;
using ZkCompat.Server.Tests.Support;

namespace ZkCompat.Server.Tests;

/// <summary>Four-letter words on a fresh connection (§8.1).</summary>
public class FourLetterWordTests
{
    [Fact]
    public async Task Ruok_OnFreshConnection_AnswersRawImokThenCloses()
    {
        await using var fixture = new EngineFixture();
        var client = fixture.Open();

        await client.SendRawAsync("ruok"u8.ToArray());
        var answer = await client.ReadToEndAsync();

        Assert.Equal("imok", Encoding.ASCII.GetString(answer));
        Assert.Equal(0, fixture.Engine.SessionCount);
    }

    [Fact]
    public async Task Ruok_AfterHandshake_IsJustABadFrameLength()
    {
        await using var fixture = new EngineFixture();
        var client = await fixture.ConnectAsync();

        await client.SendRawAsync("ruok"u8.ToArray());

        Assert.True(await client.ClosedByServerAsync());
    }

    [Fact]
    public async Task Ruok_DoesNotDisturbOtherClients()
    {
        await using var fixture = new EngineFixture();
        var client = await fixture.ConnectAsync();
        var probe = fixture.Open();

        await probe.SendRawAsync("ruok"u8.ToArray());
        await probe.ReadToEndAsync();

        Assert.Equal(ErrorCode.Ok, (await client.CreateAsync("/a")).Err);
    }
}
