using System.Buffers.Binary;
using ZkCompat.Protocol.Codes;
using ZkCompat.Protocol.Ids;
using ZkCompat.Protocol.Records;
using ZkCompat.Server.Tests.Support;

namespace ZkCompat.Server.Tests;

/// <summary>
/// Bad frames, unknown opcodes and unreadable records (§1.3, §3.3, Q9); after each bad client a
/// good client on the same engine must still be served.
/// </summary>
public class BadInputTests
{
    [Theory]
    [InlineData(-1)]
    [InlineData(int.MinValue)]
    [InlineData(4097)]
    public async Task BadFrameLength_BeforeHandshake_Closes(int length)
    {
        await using var fixture = new EngineFixture(EngineFixture.DefaultOptions with { MaxFrameBytes = 4096 });
        var bad = fixture.Open();

        await bad.SendRawAsync(Int(length));

        Assert.Null(await bad.NextFrameAsync());
        await AssertStillServing(fixture);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(0x100000)]
    public async Task BadFrameLength_AfterHandshake_Closes(int length)
    {
        await using var fixture = new EngineFixture();
        var bad = await fixture.ConnectAsync();

        await bad.SendRawAsync(Int(length));

        Assert.True(await bad.ClosedByServerAsync());
        await AssertStillServing(fixture);
    }

    [Fact]
    public async Task FrameOfExactlyMaxBytes_IsAccepted()
    {
        await using var fixture = new EngineFixture(EngineFixture.DefaultOptions with { MaxFrameBytes = 4096 });
        var client = await fixture.ConnectAsync();
        // header 8 + path "/big" 8 + data 4 + n + acl vector 4 + (4 + 9 + 10) + flags 4 = 51 + n.
        var data = new byte[4096 - 51];

        var reply = await client.CreateAsync("/big", data);

        Assert.Equal(ErrorCode.Ok, reply.Err);
        Assert.Equal(data.Length, (await client.StatAsync("/big")).DataLength);
    }

    [Theory]
    [InlineData(new byte[] { 0, 0, 0, 5, (byte)'h', (byte)'e', (byte)'l', (byte)'l', (byte)'o' })]
    [InlineData(new byte[] { 0, 0, 0, 0 })]
    public async Task GarbageFirstFrame_Closes(byte[] bytes)
    {
        await using var fixture = new EngineFixture();
        var bad = fixture.Open();

        await bad.SendRawAsync(bytes);

        Assert.Null(await bad.NextFrameAsync());
        await AssertStillServing(fixture);
    }

    [Fact]
    public async Task TruncatedRequestHeader_Closes()
    {
        await using var fixture = new EngineFixture();
        var bad = await fixture.ConnectAsync();

        await bad.SendRawAsync([0, 0, 0, 4, 0, 0, 0, 1]);

        Assert.True(await bad.ClosedByServerAsync());
        await AssertStillServing(fixture);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    [InlineData(13)]
    [InlineData(99)]
    [InlineData(1000)]
    public async Task UnknownOrForbiddenOpcode_IsUnimplementedWithZxidMinusOne_ThenClose(int op)
    {
        await using var fixture = new EngineFixture();
        var bad = await fixture.ConnectAsync();
        await bad.CreateAsync("/a");

        var reply = await bad.CallAsync((OpCode)op, op == 13 ? new CheckVersionRequest("/a", 0) : null);

        Assert.Equal(ErrorCode.Unimplemented, reply.Err);
        Assert.Equal(new Zxid(-1), reply.Header.Zxid);
        Assert.True(await bad.ClosedByServerAsync());
        await AssertStillServing(fixture);
    }

    [Theory]
    [InlineData(OpCode.GetData)]
    [InlineData(OpCode.Exists)]
    [InlineData(OpCode.GetChildren2)]
    [InlineData(OpCode.GetAcl)]
    [InlineData(OpCode.CheckWatches)]
    public async Task MalformedReadBody_IsMarshallingError_WithoutZxid_ConnectionStays(OpCode op)
    {
        await using var fixture = new EngineFixture();
        var client = await fixture.ConnectAsync();
        var before = await client.ProbeZxidAsync();

        var xid = await client.SendRawBodyAsync(op, [0, 0]);
        var reply = await client.ReplyToAsync(xid);

        Assert.Equal(ErrorCode.MarshallingError, reply.Err);
        Assert.Equal(before, reply.Header.Zxid.Value);
        Assert.Equal(before + 1, await client.ProbeZxidAsync());
    }

    [Theory]
    [InlineData(OpCode.Create)]
    [InlineData(OpCode.SetData)]
    [InlineData(OpCode.Delete)]
    [InlineData(OpCode.SetAcl)]
    [InlineData(OpCode.Multi)]
    public async Task MalformedWriteBody_IsMarshallingError_AndConsumesAZxid(OpCode op)
    {
        await using var fixture = new EngineFixture();
        var client = await fixture.ConnectAsync();
        var before = await client.ProbeZxidAsync();

        var xid = await client.SendRawBodyAsync(op, [0, 0, 0, 2, (byte)'/', (byte)'y']);
        var reply = await client.ReplyToAsync(xid);

        Assert.Equal(ErrorCode.MarshallingError, reply.Err);
        Assert.Equal(before + 1, reply.Header.Zxid.Value);
        Assert.Equal(before + 2, await client.ProbeZxidAsync());
        Assert.Equal(ErrorCode.NoNode, (await client.ExistsAsync("/y")).Err);
    }

    [Fact]
    public async Task DigestAuth_RepliesXidMinusFourZxidZero_AndGrantsAccess()
    {
        await using var fixture = new EngineFixture();
        var client = await fixture.ConnectAsync();
        await client.CreateAsync("/a");

        var reply = await client.AuthAsync("digest", "alice:secret");

        Assert.Equal(new ReplyHeader(Xids.Auth, Zxid.Zero, ErrorCode.Ok), reply.Header);
        Assert.Null(reply.Body);
        Assert.Equal(ErrorCode.Ok, (await client.CreateAsync("/alice", acl: TestClientExtensions.AliceOnly)).Err);
        Assert.Equal(ErrorCode.Ok, (await client.GetDataAsync("/alice")).Err);
    }

    [Fact]
    public async Task IpAuth_IsAccepted()
    {
        await using var fixture = new EngineFixture();
        var client = await fixture.ConnectAsync();

        Assert.Equal(ErrorCode.Ok, (await client.AuthAsync("ip", "")).Err);
    }

    [Theory]
    [InlineData("nosuch")]
    [InlineData("world")]
    [InlineData("super")]
    public async Task AuthWithUnknownScheme_IsAuthFailedWithZxidZero_ThenClose(string scheme)
    {
        await using var fixture = new EngineFixture();
        var bad = await fixture.ConnectAsync();

        var reply = await bad.AuthAsync(scheme, "x:y");

        Assert.Equal(new ReplyHeader(Xids.Auth, Zxid.Zero, ErrorCode.AuthFailed), reply.Header);
        Assert.True(await bad.ClosedByServerAsync());
        await AssertStillServing(fixture);
    }

    [Fact]
    public async Task MalformedAuthPacket_Closes()
    {
        await using var fixture = new EngineFixture();
        var bad = await fixture.ConnectAsync();

        await bad.SendRawBodyAsync(OpCode.Auth, [0, 0, 0, 0], Xids.Auth);

        Assert.True(await bad.ClosedByServerAsync());
        await AssertStillServing(fixture);
    }

    [Fact]
    public async Task DigestAuthWithoutColon_IsAccepted()
    {
        await using var fixture = new EngineFixture();
        var client = await fixture.ConnectAsync();

        Assert.Equal(ErrorCode.Ok, (await client.AuthAsync("digest", "bob")).Err);
        var infos = (await client.CallAsync(OpCode.WhoAmI)).As<WhoAmIResponse>().Infos;
        Assert.Contains(new ClientInfo("digest", "bob"), infos!);
    }

    [Fact]
    public async Task AuthReply_EchoesTheRequestXid()
    {
        await using var fixture = new EngineFixture();
        var client = await fixture.ConnectAsync();

        var xid = await client.SendAsync(OpCode.Sync, new PathRequest("/"));
        await client.ReplyToAsync(xid);
        await client.SendRawBodyAsync(OpCode.Auth, [0, 0, 0, 0, 0, 0, 0, 6, .. "digest"u8, 0, 0, 0, 3, .. "a:b"u8], 5);

        Assert.Equal(5, TestClient.HeaderOf((await client.NextFrameAsync())!).Xid);
    }

    [Fact]
    public async Task Sasl_WithoutSaslConfigured_RepliesNullToken()
    {
        await using var fixture = new EngineFixture();
        var client = await fixture.ConnectAsync();

        var reply = await client.CallAsync(OpCode.Sasl, new SaslToken([1, 2, 3]));

        Assert.Equal((Zxid.Zero, ErrorCode.Ok), (reply.Header.Zxid, reply.Err));
        Assert.Null(reply.As<SaslToken>().Token);
        Assert.Equal(ErrorCode.Ok, (await client.PingAsync()).Err);
    }

    [Fact]
    public async Task AddWatch_Persistent_FiresRepeatedly()
    {
        await using var fixture = new EngineFixture();
        var client = await fixture.ConnectAsync();

        var reply = await client.CallAsync(OpCode.AddWatch, new AddWatchRequest("/a", (int)AddWatchMode.Persistent));
        await client.CreateAsync("/a");
        await client.SetDataAsync("/a", [1]);

        Assert.Equal(new ErrorResponse(ErrorCode.Ok), reply.Body);
        Assert.Equal([EventType.NodeCreated, EventType.NodeDataChanged], client.Events.ConvertAll(e => e.Type));
    }

    private static byte[] Int(int value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(bytes, value);
        return bytes;
    }

    private static async Task AssertStillServing(EngineFixture fixture)
    {
        var good = await fixture.ConnectAsync();
        Assert.Equal(ErrorCode.Ok, (await good.CreateAsync("/still-serving-", mode: CreateMode.EphemeralSequential)).Err);
    }
}
