using ZkCompat.Protocol.Codes;
using ZkCompat.Protocol.Records;
using ZkCompat.Server.Tests.Support;
using static ZkCompat.Server.Tests.Support.TestClientExtensions;

namespace ZkCompat.Server.Tests;

/// <summary>multi (op 14) and check inside it: all-or-nothing, one zxid, failure reporting (§3.5, §3.7, Q2).</summary>
public class MultiTests
{
    [Fact]
    public async Task SuccessfulMulti_AppliesEveryOpUnderOneZxid()
    {
        await using var fixture = new EngineFixture();
        var client = await fixture.ConnectAsync();
        await client.CreateAsync("/old", [0]);

        var reply = await client.CallAsync(OpCode.Multi, Multi(
            Create("/a"), Create("/a/b"), SetData("/old", [1], 0), Check("/old", 1), Delete("/a/b")));

        Assert.Equal(ErrorCode.Ok, reply.Err);
        var results = reply.As<MultiResponse>().Results;
        Assert.Equal([OpCode.Create, OpCode.Create, OpCode.SetData, OpCode.Check, OpCode.Delete], results.ConvertAll(r => r.Type));
        Assert.Equal(new PathResponse("/a/b"), results[1].Body);
        Assert.Equal(reply.Header.Zxid, Assert.IsType<StatResponse>(results[2].Body).Stat.Mzxid);
        Assert.Equal(reply.Header.Zxid, (await client.StatAsync("/a")).Czxid);
        Assert.Equal(ErrorCode.NoNode, (await client.ExistsAsync("/a/b")).Err);
        Assert.Equal(reply.Header.Zxid.Value + 1, await client.ProbeZxidAsync());
    }

    [Fact]
    public async Task FailedMulti_ReportsZeroThenCodeThenRuntimeInconsistency_WithHeaderErrZero()
    {
        await using var fixture = new EngineFixture();
        var client = await fixture.ConnectAsync();
        await client.CreateAsync("/v");

        var reply = await client.CallAsync(OpCode.Multi, Multi(Create("/a"), SetData("/v", [1], 5), Create("/b")));

        Assert.Equal(ErrorCode.Ok, reply.Err);
        Assert.Equal([(OpCode.Error, ErrorCode.Ok), (OpCode.Error, ErrorCode.BadVersion), (OpCode.Error, ErrorCode.RuntimeInconsistency)], reply.Results());
        Assert.All(reply.As<MultiResponse>().Results, r => Assert.Equal(new ErrorResponse(r.Err), r.Body));
    }

    [Fact]
    public async Task FailedMulti_ChangesNothing_ButConsumesAZxid()
    {
        await using var fixture = new EngineFixture();
        var client = await fixture.ConnectAsync();
        await client.CreateAsync("/v", [7]);
        var before = await client.ProbeZxidAsync();

        var reply = await client.CallAsync(OpCode.Multi, Multi(Create("/a"), SetData("/v", [8]), Delete("/missing")));

        Assert.Equal(before + 1, reply.Header.Zxid.Value);
        Assert.Equal(ErrorCode.NoNode, (await client.ExistsAsync("/a")).Err);
        Assert.Equal([7], (await client.GetDataAsync("/v")).As<GetDataResponse>().Data);
        Assert.Equal(before + 2, await client.ProbeZxidAsync());
    }

    [Fact]
    public async Task FailedMulti_IsRolledBack_SoTheSameCreatesSucceedLater()
    {
        await using var fixture = new EngineFixture();
        var client = await fixture.ConnectAsync();

        await client.CallAsync(OpCode.Multi, Multi(Create("/a"), Create("/a")));
        var again = await client.CallAsync(OpCode.Multi, Multi(Create("/a"), Create("/a/b")));

        Assert.Equal([(OpCode.Create, ErrorCode.Ok), (OpCode.Create, ErrorCode.Ok)], again.Results());
    }

    [Fact]
    public async Task EmptyMulti_ConsumesAZxid()
    {
        await using var fixture = new EngineFixture();
        var client = await fixture.ConnectAsync();
        var before = await client.ProbeZxidAsync();

        var reply = await client.CallAsync(OpCode.Multi, Multi());

        Assert.Equal(ErrorCode.Ok, reply.Err);
        Assert.Empty(reply.As<MultiResponse>().Results);
        Assert.Equal(before + 1, reply.Header.Zxid.Value);
        Assert.Equal(before + 2, await client.ProbeZxidAsync());
    }

    [Theory]
    [InlineData(OpCode.GetData)]
    [InlineData(OpCode.GetChildren)]
    public async Task ReadOpInMulti_IsMarshallingError_AndConsumesAZxid(OpCode read)
    {
        await using var fixture = new EngineFixture();
        var client = await fixture.ConnectAsync();
        var before = await client.ProbeZxidAsync();

        var reply = await client.CallAsync(OpCode.Multi, Multi(Create("/a"), new MultiOp(read, new PathWatchRequest("/", false))));

        Assert.Equal(ErrorCode.MarshallingError, reply.Err);
        Assert.Null(reply.Body);
        Assert.Equal(before + 1, reply.Header.Zxid.Value);
        Assert.Equal(ErrorCode.NoNode, (await client.ExistsAsync("/a")).Err);
        Assert.Equal(before + 2, await client.ProbeZxidAsync());
    }

    [Fact]
    public async Task OnlyReadOpsInMulti_IsMarshallingError()
    {
        await using var fixture = new EngineFixture();
        var client = await fixture.ConnectAsync();

        var reply = await client.CallAsync(OpCode.Multi, Multi(GetData("/")));

        Assert.Equal(ErrorCode.MarshallingError, reply.Err);
    }

    [Fact]
    public async Task SequentialCreatesInOneMulti_GetConsecutiveNumbers()
    {
        await using var fixture = new EngineFixture();
        var client = await fixture.ConnectAsync();

        var reply = await client.CallAsync(OpCode.Multi, Multi(Create("/s-", CreateMode.PersistentSequential), Create("/s-", CreateMode.PersistentSequential)));

        var paths = reply.As<MultiResponse>().Results.ConvertAll(r => Assert.IsType<PathResponse>(r.Body).Path);
        Assert.Equal(["/s-0000000000", "/s-0000000001"], paths);
    }

    [Fact]
    public async Task Create2InMulti_AnswersLikeCreate_ContainerAnswersCreate2()
    {
        await using var fixture = new EngineFixture();
        var client = await fixture.ConnectAsync();

        var reply = await client.CallAsync(OpCode.Multi, Multi(
            new MultiOp(OpCode.Create2, new CreateRequest("/a", [], OpenAcl, 0)),
            new MultiOp(OpCode.CreateContainer, new CreateRequest("/c", [], OpenAcl, (int)CreateMode.Container))));

        var results = reply.As<MultiResponse>().Results;
        Assert.Equal(new MultiResult(OpCode.Create, ErrorCode.Ok, new PathResponse("/a")), results[0]);
        Assert.Equal(OpCode.Create2, results[1].Type);
        Assert.Equal("/c", Assert.IsType<Create2Response>(results[1].Body).Path);
    }

    [Fact]
    public async Task EphemeralsCreatedInMulti_BelongToTheSession()
    {
        await using var fixture = new EngineFixture();
        var client = await fixture.ConnectAsync();

        await client.CallAsync(OpCode.Multi, Multi(Create("/e", CreateMode.Ephemeral)));

        Assert.Equal(client.SessionId().Value, (await client.StatAsync("/e")).EphemeralOwner);
    }

    [Theory]
    [InlineData("no-slash", -1, ErrorCode.BadArguments)]
    [InlineData("/missing", -1, ErrorCode.NoNode)]
    [InlineData("/v", 3, ErrorCode.BadVersion)]
    public async Task CheckInMulti_FailsInJavasOrder(string path, int version, ErrorCode expected)
    {
        await using var fixture = new EngineFixture();
        var client = await fixture.ConnectAsync();
        await client.CreateAsync("/v");

        var reply = await client.CallAsync(OpCode.Multi, Multi(Check(path, version), Create("/after")));

        Assert.Equal([(OpCode.Error, expected), (OpCode.Error, ErrorCode.RuntimeInconsistency)], reply.Results());
    }

    [Fact]
    public async Task CheckInMulti_WithoutRead_IsNoAuth_BeforeTheVersion()
    {
        await using var fixture = new EngineFixture();
        var alice = await fixture.ConnectAsync();
        await alice.AuthAsync("digest", "alice:secret");
        await alice.CreateAsync("/locked", acl: AliceOnly);
        var stranger = await fixture.ConnectAsync();

        var reply = await stranger.CallAsync(OpCode.Multi, Multi(Check("/locked", 9)));

        Assert.Equal([(OpCode.Error, ErrorCode.NoAuth)], reply.Results());
    }

    [Fact]
    public async Task LaterOpsSeeEarlierOnes_DeleteThenRecreate()
    {
        await using var fixture = new EngineFixture();
        var client = await fixture.ConnectAsync();
        await client.CreateAsync("/a", [1]);

        var reply = await client.CallAsync(OpCode.Multi, Multi(Delete("/a"), Create("/a"), Check("/a", 0)));

        Assert.Equal([(OpCode.Delete, ErrorCode.Ok), (OpCode.Create, ErrorCode.Ok), (OpCode.Check, ErrorCode.Ok)], reply.Results());
        Assert.Empty((await client.GetDataAsync("/a")).As<GetDataResponse>().Data!);
    }

    [Fact]
    public async Task ValidationErrorsInMulti_AreTheSameCodes()
    {
        await using var fixture = new EngineFixture();
        var client = await fixture.ConnectAsync();

        var reply = await client.CallAsync(OpCode.Multi, Multi(Create("/x"), Delete("/zookeeper")));

        Assert.Equal([(OpCode.Error, ErrorCode.Ok), (OpCode.Error, ErrorCode.BadArguments)], reply.Results());
    }

    [Fact]
    public async Task MultiWithUnsupportedSubOp_IsMarshallingError_AndConsumesAZxid()
    {
        await using var fixture = new EngineFixture();
        var client = await fixture.ConnectAsync();
        var before = await client.ProbeZxidAsync();

        var reply = await client.CallAsync(OpCode.Multi, Multi(new MultiOp(OpCode.SetAcl, new SetAclRequest("/", OpenAcl, -1))));

        Assert.Equal(ErrorCode.MarshallingError, reply.Err);
        Assert.Equal(before + 1, reply.Header.Zxid.Value);
    }
}
