using ZkCompat.Protocol.Codes;
using ZkCompat.Protocol.Ids;
using ZkCompat.Protocol.Records;
using ZkCompat.Server.Sessions;
using ZkCompat.Server.Tests.Support;

namespace ZkCompat.Server.Tests;

/// <summary>The connect handshake of PROTOCOL.md §2: timeouts, response layout, ids and passwords.</summary>
public class HandshakeTests
{
    [Theory]
    [InlineData(0, 4000)]
    [InlineData(1000, 4000)]
    [InlineData(4000, 4000)]
    [InlineData(12345, 12345)]
    [InlineData(40000, 40000)]
    [InlineData(1_000_000_000, 40000)]
    public async Task RequestedTimeout_IsClampedToTwoAndTwentyTicks(int requestedMs, int negotiatedMs)
    {
        await using var fixture = new EngineFixture();
        var client = fixture.Open();

        var response = await client.HandshakeAsync(new ConnectRequest(0, Zxid.Zero, requestedMs, SessionId.None, new byte[16]));

        Assert.Equal(negotiatedMs, response.TimeoutMs);
    }

    [Theory]
    [InlineData(1000, 5000)]
    [InlineData(5500, 5500)]
    [InlineData(9000, 6000)]
    public async Task ConfiguredMinAndMax_ReplaceTheTickDefaults(int requestedMs, int negotiatedMs)
    {
        await using var fixture = new EngineFixture(EngineFixture.DefaultOptions with { MinSessionTimeoutMs = 5000, MaxSessionTimeoutMs = 6000 });
        var client = fixture.Open();

        var response = await client.HandshakeAsync(new ConnectRequest(0, Zxid.Zero, requestedMs, SessionId.None, new byte[16]));

        Assert.Equal(negotiatedMs, response.TimeoutMs);
    }

    [Fact]
    public async Task NewClient_Gets37ByteResponseEndingInReadOnlyFalse()
    {
        await using var fixture = new EngineFixture();
        var client = fixture.Open();

        await client.SendFrameAsync(w =>
        {
            NewSession(7).Write(w);
            w.WriteBool(false);
        });
        var frame = await client.NextFrameAsync();

        Assert.NotNull(frame);
        Assert.Equal(37, frame.Length);
        Assert.Equal(0, frame[36]);
        Assert.Equal(new byte[4], frame[..4]);
    }

    [Fact]
    public async Task OldClient_WithoutReadOnlyByte_Gets36ByteResponse()
    {
        await using var fixture = new EngineFixture();
        var client = fixture.Open();

        await client.SendFrameAsync(w => NewSession(0).Write(w));
        var frame = await client.NextFrameAsync();

        Assert.NotNull(frame);
        Assert.Equal(36, frame.Length);
    }

    [Fact]
    public async Task OldClient_CanUseItsSession()
    {
        await using var fixture = new EngineFixture();
        var client = fixture.Open();

        await client.HandshakeAsync(NewSession(0), readOnlyByte: false);
        var reply = await client.CreateAsync("/old");

        Assert.Equal(ErrorCode.Ok, reply.Err);
    }

    [Fact]
    public async Task ClientProtocolVersion_IsIgnored_ResponseCarriesZero()
    {
        await using var fixture = new EngineFixture();
        var client = fixture.Open();

        var response = await client.HandshakeAsync(NewSession(42));

        Assert.Equal(0, response.ProtocolVersion);
    }

    [Fact]
    public async Task NewSessions_HaveServerIdOneInTheHighByte_AndConsecutiveIds()
    {
        await using var fixture = new EngineFixture();

        var first = await fixture.ConnectAsync();
        var second = await fixture.ConnectAsync();

        Assert.Equal(1, (int)((ulong)first.SessionId().Value >> 56));
        Assert.Equal(first.SessionId().Value + 1, second.SessionId().Value);
    }

    [Fact]
    public async Task NewSession_PasswordIsJavasRandomOfTheId_WhateverTheClientSent()
    {
        await using var fixture = new EngineFixture();
        var client = fixture.Open();

        var response = await client.HandshakeAsync(new ConnectRequest(0, Zxid.Zero, 10_000, SessionId.None, [1, 2, 3]));

        Assert.Equal(16, response.Password!.Length);
        Assert.Equal(SessionPasswords.For(response.SessionId.Value), response.Password);
    }

    [Theory]
    [InlineData(0x0100000bdf270000L, "0b0b5ac43cc7fb04618884afe57f033b")]
    [InlineData(0x01000016362b0000L, "5766784698eefec38df208eaa13c5825")]
    public void SessionPasswords_MatchLiveJavaServer(long sessionId, string passwordHex)
    {
        Assert.Equal(passwordHex, Convert.ToHexStringLower(SessionPasswords.For(sessionId)));
    }

    [Fact]
    public async Task LastZxidSeenAheadOfServer_ClosesWithoutResponse()
    {
        await using var fixture = new EngineFixture();
        var client = fixture.Open();

        await client.SendFrameAsync(w =>
        {
            new ConnectRequest(0, new Zxid(1000), 10_000, SessionId.None, new byte[16]).Write(w);
            w.WriteBool(false);
        });

        Assert.Null(await client.NextFrameAsync());
        Assert.Equal(0, fixture.Engine.SessionCount);
    }

    [Fact]
    public async Task LastZxidSeenEqualToServer_IsAccepted()
    {
        await using var fixture = new EngineFixture();
        var first = await fixture.ConnectAsync();
        var last = (await first.CreateAsync("/a")).Header.Zxid;
        var client = fixture.Open();

        var response = await client.HandshakeAsync(new ConnectRequest(0, last, 10_000, SessionId.None, new byte[16]));

        Assert.True(response.TimeoutMs > 0);
    }

    [Fact]
    public async Task RequestsPipelinedBehindTheConnect_AreAnsweredInOrder()
    {
        await using var fixture = new EngineFixture();
        var client = fixture.Open();

        await client.SendRawAsync([
            .. TestClient.Frame(w =>
            {
                NewSession(0).Write(w);
                w.WriteBool(false);
            }),
            .. Request(1, OpCode.Exists, new PathWatchRequest("/", false)),
            .. Request(2, OpCode.GetChildren, new PathWatchRequest("/", false)),
        ]);

        Assert.Equal(37, (await client.NextFrameAsync())!.Length);
        Assert.Equal(1, TestClient.HeaderOf((await client.NextFrameAsync())!).Xid);
        Assert.Equal(2, TestClient.HeaderOf((await client.NextFrameAsync())!).Xid);
    }

    [Fact]
    public async Task NewSession_IsCountedByTheEngine()
    {
        await using var fixture = new EngineFixture();

        await fixture.ConnectAsync();
        await fixture.ConnectAsync();

        Assert.Equal(2, fixture.Engine.SessionCount);
    }

    private static ConnectRequest NewSession(int protocolVersion) =>
        new(protocolVersion, Zxid.Zero, 10_000, SessionId.None, new byte[16]);

    private static byte[] Request(int xid, OpCode op, PathWatchRequest body) => TestClient.Frame(w =>
    {
        new RequestHeader(xid, op).Write(w);
        body.Write(w);
    });
}
