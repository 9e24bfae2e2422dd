using ZkCompat.Protocol.Codes;
using ZkCompat.Protocol.Records;
using ZkCompat.Server.Tests.Support;

namespace ZkCompat.Server.Tests;

/// <summary>delete, setData, setACL and reconfig checks in the order of PROTOCOL.md §3.7; failures use zxids (Q5).</summary>
public class WriteValidationTests
{
    [Theory]
    [InlineData("/")]
    [InlineData("/zookeeper")]
    [InlineData("/zookeeper/quota")]
    [InlineData("/zookeeper/config")]
    [InlineData("no-slash")]
    [InlineData("/a\0")]
    public async Task Delete_SpecialOrMalformedPath_IsBadArguments(string path)
    {
        await using var fixture = new EngineFixture();
        var client = await fixture.ConnectAsync();

        var reply = await client.DeleteAsync(path);

        Assert.Equal(ErrorCode.BadArguments, reply.Err);
    }

    [Fact]
    public async Task Delete_MissingParent_IsNoNode()
    {
        await using var fixture = new EngineFixture();
        var client = await fixture.ConnectAsync();

        Assert.Equal(ErrorCode.NoNode, (await client.DeleteAsync("/missing/x")).Err);
    }

    [Fact]
    public async Task Delete_NoDeletePermissionOnParent_IsNoAuth_BeforeMissingNode()
    {
        await using var fixture = new EngineFixture();
        var alice = await fixture.ConnectAsync();
        await alice.AuthAsync("digest", "alice:secret");
        await alice.CreateAsync("/locked", acl: TestClientExtensions.AliceOnly);
        var stranger = await fixture.ConnectAsync();

        Assert.Equal(ErrorCode.NoAuth, (await stranger.DeleteAsync("/locked/missing")).Err);
        Assert.Equal(ErrorCode.NoNode, (await alice.DeleteAsync("/locked/missing")).Err);
    }

    [Fact]
    public async Task Delete_MissingNode_IsNoNode()
    {
        await using var fixture = new EngineFixture();
        var client = await fixture.ConnectAsync();

        Assert.Equal(ErrorCode.NoNode, (await client.DeleteAsync("/missing")).Err);
    }

    [Fact]
    public async Task Delete_WrongVersion_IsBadVersion_BeforeNotEmpty()
    {
        await using var fixture = new EngineFixture();
        var client = await fixture.ConnectAsync();
        await client.CreateAsync("/a");
        await client.CreateAsync("/a/b");

        Assert.Equal(ErrorCode.BadVersion, (await client.DeleteAsync("/a", version: 3)).Err);
        Assert.Equal(ErrorCode.NotEmpty, (await client.DeleteAsync("/a", version: 0)).Err);
        Assert.Equal(ErrorCode.NotEmpty, (await client.DeleteAsync("/a")).Err);
    }

    [Fact]
    public async Task Delete_MatchingVersion_Deletes()
    {
        await using var fixture = new EngineFixture();
        var client = await fixture.ConnectAsync();
        await client.CreateAsync("/a");
        await client.SetDataAsync("/a", [1]);

        var reply = await client.DeleteAsync("/a", version: 1);

        Assert.Equal(ErrorCode.Ok, reply.Err);
        Assert.Null(reply.Body);
        Assert.Equal(ErrorCode.NoNode, (await client.ExistsAsync("/a")).Err);
    }

    [Theory]
    [InlineData("no-slash")]
    [InlineData("/a/")]
    [InlineData("/a\0")]
    public async Task SetData_InvalidPath_IsBadArguments(string path)
    {
        await using var fixture = new EngineFixture();
        var client = await fixture.ConnectAsync();

        Assert.Equal(ErrorCode.BadArguments, (await client.SetDataAsync(path, [1])).Err);
    }

    [Fact]
    public async Task SetData_MissingNode_IsNoNode()
    {
        await using var fixture = new EngineFixture();
        var client = await fixture.ConnectAsync();

        Assert.Equal(ErrorCode.NoNode, (await client.SetDataAsync("/missing", [1])).Err);
    }

    [Fact]
    public async Task SetData_NoWritePermission_IsNoAuth_BeforeTheVersion()
    {
        await using var fixture = new EngineFixture();
        var client = await fixture.ConnectAsync();

        Assert.Equal(ErrorCode.NoAuth, (await client.SetDataAsync("/zookeeper/config", [1], version: 7)).Err);
    }

    [Fact]
    public async Task SetData_WrongVersion_IsBadVersion_AndDataIsKept()
    {
        await using var fixture = new EngineFixture();
        var client = await fixture.ConnectAsync();
        await client.CreateAsync("/a", [1]);

        var reply = await client.SetDataAsync("/a", [2], version: 1);

        Assert.Equal(ErrorCode.BadVersion, reply.Err);
        Assert.Equal([1], (await client.GetDataAsync("/a")).As<GetDataResponse>().Data);
    }

    [Theory]
    [InlineData("no-slash")]
    [InlineData("/a/")]
    public async Task SetAcl_InvalidPath_IsBadArguments_BeforeTheAcl(string path)
    {
        await using var fixture = new EngineFixture();
        var client = await fixture.ConnectAsync();

        Assert.Equal(ErrorCode.BadArguments, (await client.SetAclAsync(path, [])).Err);
    }

    [Fact]
    public async Task SetAcl_BadAcl_IsInvalidAcl_BeforeTheMissingNode()
    {
        await using var fixture = new EngineFixture();
        var client = await fixture.ConnectAsync();

        Assert.Equal(ErrorCode.InvalidAcl, (await client.SetAclAsync("/missing", [])).Err);
        Assert.Equal(ErrorCode.NoNode, (await client.SetAclAsync("/missing", TestClientExtensions.OpenAcl)).Err);
    }

    [Fact]
    public async Task SetAcl_NoAdminPermission_IsNoAuth_BeforeTheVersion()
    {
        await using var fixture = new EngineFixture();
        var client = await fixture.ConnectAsync();

        Assert.Equal(ErrorCode.NoAuth, (await client.SetAclAsync("/zookeeper/config", TestClientExtensions.OpenAcl, version: 9)).Err);
    }

    [Fact]
    public async Task SetAcl_WrongVersion_IsBadVersion()
    {
        await using var fixture = new EngineFixture();
        var client = await fixture.ConnectAsync();
        await client.CreateAsync("/a");

        Assert.Equal(ErrorCode.BadVersion, (await client.SetAclAsync("/a", TestClientExtensions.OpenAcl, version: 1)).Err);
        Assert.Equal(ErrorCode.Ok, (await client.SetAclAsync("/a", TestClientExtensions.OpenAcl, version: 0)).Err);
    }

    [Fact]
    public async Task Reconfig_WhenDisabled_IsReconfigDisabled_AndConsumesAZxid()
    {
        await using var fixture = new EngineFixture();
        var client = await fixture.ConnectAsync();
        var before = await client.ProbeZxidAsync();

        var reply = await client.CallAsync(OpCode.Reconfig, new ReconfigRequest(null, null, null, -1));

        Assert.Equal(ErrorCode.ReconfigDisabled, reply.Err);
        Assert.Equal(before + 1, reply.Header.Zxid.Value);
        Assert.Equal(before + 2, await client.ProbeZxidAsync());
    }

    public static TheoryData<string> FailingWrites => ["delete", "setData", "setACL", "badVersion", "notEmpty"];

    [Theory]
    [MemberData(nameof(FailingWrites))]
    public async Task EveryFailedWrite_ConsumesAZxid_AndRepliesWithIt(string kind)
    {
        await using var fixture = new EngineFixture();
        var client = await fixture.ConnectAsync();
        await client.CreateAsync("/a");
        await client.CreateAsync("/a/b");
        var before = await client.ProbeZxidAsync();

        var failed = kind switch
        {
            "delete" => await client.DeleteAsync("/missing"),
            "setData" => await client.SetDataAsync("/missing", [1]),
            "setACL" => await client.SetAclAsync("/a", []),
            "badVersion" => await client.SetDataAsync("/a", [1], version: 5),
            _ => await client.DeleteAsync("/a"),
        };

        Assert.NotEqual(ErrorCode.Ok, failed.Err);
        Assert.Null(failed.Body);
        Assert.Equal(before + 1, failed.Header.Zxid.Value);
        Assert.Equal(before + 2, await client.ProbeZxidAsync());
    }
}
