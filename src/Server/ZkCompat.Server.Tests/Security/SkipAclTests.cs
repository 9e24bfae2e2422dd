using ZkCompat.Protocol.Codes;
using ZkCompat.Protocol.Records;
using ZkCompat.Server.Options;
using ZkCompat.Server.Tests.Support;

namespace ZkCompat.Server.Tests.Security;

/// <summary>
/// zookeeper.skipACL=yes: every permission check passes, as Java's checkACL returns before looking
/// at the ACL (reads, writes, setACL, getACL unmasked, create and delete under a parent, multi and
/// multiRead, the built-in config node), while ACLs are still validated and stored as given.
/// </summary>
public class SkipAclTests
{
    private static ServerOptions With(string skipAcl) => EngineFixture.DefaultOptions with
    {
        Properties = new Dictionary<string, string> { ["zookeeper.skipACL"] = skipAcl },
    };

    /// <summary>/a belongs to alice alone; the returned client is a stranger without any auth.</summary>
    private static async Task<TestClient> StrangerBesideAlicesNodeAsync(EngineFixture fixture)
    {
        var alice = await fixture.ConnectAsync();
        await alice.AuthAsync("digest", "alice:secret");
        Assert.Equal(ErrorCode.Ok, (await alice.CreateAsync("/a", [1], acl: TestClientExtensions.AliceOnly)).Err);
        Assert.Equal(ErrorCode.Ok, (await alice.CreateAsync("/a/b", acl: TestClientExtensions.AliceOnly)).Err);
        return await fixture.ConnectAsync();
    }

    [Fact]
    public async Task SkipAclYes_EveryCheckPasses_ForAStranger()
    {
        await using var fixture = new EngineFixture(With("yes"));
        var stranger = await StrangerBesideAlicesNodeAsync(fixture);

        Assert.Equal(ErrorCode.Ok, (await stranger.GetDataAsync("/a")).Err);
        Assert.Equal(ErrorCode.Ok, (await stranger.GetChildrenAsync("/a")).Err);
        Assert.Equal(ErrorCode.Ok, (await stranger.CallAsync(OpCode.GetAllChildrenNumber, new PathRequest("/a"))).Err);
        Assert.Equal(ErrorCode.Ok, (await stranger.SetDataAsync("/a", [2])).Err);
        Assert.Equal(ErrorCode.Ok, (await stranger.CreateAsync("/a/c")).Err);
        Assert.Equal(ErrorCode.Ok, (await stranger.DeleteAsync("/a/b")).Err);
        Assert.Equal(ErrorCode.Ok, (await stranger.SetAclAsync("/a", [new(Perms.Read, new Id("world", "anyone"))])).Err);
        // Read-only for everyone now, and writable all the same.
        Assert.Equal(ErrorCode.Ok, (await stranger.SetDataAsync("/a", [3])).Err);
    }

    [Fact]
    public async Task SkipAclYes_GetAcl_ShowsDigestIdsUnmasked()
    {
        await using var fixture = new EngineFixture(With("yes"));
        var stranger = await StrangerBesideAlicesNodeAsync(fixture);

        var reply = await stranger.CallAsync(OpCode.GetAcl, new PathRequest("/a"));

        Assert.Equal(ErrorCode.Ok, reply.Err);
        Assert.Equal(TestClientExtensions.AliceOnly, reply.As<GetAclResponse>().Acls);
    }

    [Fact]
    public async Task SkipAclYes_MultiAndMultiRead_Pass()
    {
        await using var fixture = new EngineFixture(With("yes"));
        var stranger = await StrangerBesideAlicesNodeAsync(fixture);

        var multi = await stranger.CallAsync(OpCode.Multi, TestClientExtensions.Multi(
            TestClientExtensions.Check("/a", 0), TestClientExtensions.Create("/a/m"), TestClientExtensions.SetData("/a", [9])));
        var read = await stranger.CallAsync(OpCode.MultiRead, TestClientExtensions.Multi(
            TestClientExtensions.GetData("/a"), TestClientExtensions.GetChildren("/a")));

        Assert.All(multi.Results(), r => Assert.Equal(ErrorCode.Ok, r.Err));
        Assert.All(read.Results(), r => Assert.Equal(ErrorCode.Ok, r.Err));
    }

    [Fact]
    public async Task SkipAclYes_ConfigNode_IsWritable_AsInJava()
    {
        await using var fixture = new EngineFixture(With("yes"));
        var client = await fixture.ConnectAsync();

        Assert.Equal(ErrorCode.Ok, (await client.SetDataAsync("/zookeeper/config", [1])).Err);
        // Built-in nodes stay undeletable: that is not an ACL check.
        Assert.Equal(ErrorCode.BadArguments, (await client.DeleteAsync("/zookeeper/config")).Err);
    }

    [Fact]
    public async Task SkipAclYes_AclsAreStillValidated()
    {
        await using var fixture = new EngineFixture(With("yes"));
        var client = await fixture.ConnectAsync();

        Assert.Equal(ErrorCode.InvalidAcl, (await client.CreateAsync("/q", acl: [new(Perms.All, new Id("auth", ""))])).Err);
        Assert.Equal(ErrorCode.InvalidAcl, (await client.CreateAsync("/q", acl: [new(Perms.All, new Id("bogus", "x"))])).Err);
    }

    [Theory]
    [InlineData("true")]
    [InlineData("YES")]
    [InlineData("yes ")]
    public async Task SkipAcl_OtherThanExactlyYes_ChecksAsUsual(string value)
    {
        await using var fixture = new EngineFixture(With(value));
        var stranger = await StrangerBesideAlicesNodeAsync(fixture);

        Assert.Equal(ErrorCode.NoAuth, (await stranger.GetDataAsync("/a")).Err);
        Assert.Equal(ErrorCode.NoAuth, (await stranger.SetDataAsync("/a", [2])).Err);
        Assert.Equal(ErrorCode.NoAuth, (await stranger.CreateAsync("/a/c")).Err);
        Assert.Equal(ErrorCode.NoAuth, (await stranger.CallAsync(OpCode.GetAcl, new PathRequest("/a"))).Err);
    }
}
