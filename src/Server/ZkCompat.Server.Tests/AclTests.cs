using ZkCompat.Protocol.Codes;
using ZkCompat.Protocol.Records;
using ZkCompat.Server.Tests.Support;

namespace ZkCompat.Server.Tests;

/// <summary>getACL / setACL, ACL validation and the digest, auth and super schemes (§6).</summary>
public class AclTests
{
    [Fact]
    public async Task GetAcl_OfRoot_IsOpenWithStat()
    {
        await using var fixture = new EngineFixture();
        var client = await fixture.ConnectAsync();

        var body = (await client.CallAsync(OpCode.GetAcl, new PathRequest("/"))).As<GetAclResponse>();

        Assert.Equal(TestClientExtensions.OpenAcl, body.Acls);
        Assert.Equal(await client.StatAsync("/"), body.Stat);
    }

    [Fact]
    public async Task GetAcl_OfConfig_IsWorldReadOnly()
    {
        await using var fixture = new EngineFixture();
        var client = await fixture.ConnectAsync();

        var body = (await client.CallAsync(OpCode.GetAcl, new PathRequest("/zookeeper/config"))).As<GetAclResponse>();

        Assert.Equal([new Acl(Perms.Read, new Id("world", "anyone"))], body.Acls);
        Assert.Equal(-1, body.Stat.Aversion);
    }

    [Fact]
    public async Task SetAcl_ReplacesAcl_BumpsAversion_RepliesWithStat()
    {
        await using var fixture = new EngineFixture();
        var client = await fixture.ConnectAsync();
        await client.CreateAsync("/a");
        List<Acl> readOnly = [new(Perms.Read, new Id("world", "anyone"))];

        var reply = await client.SetAclAsync("/a", readOnly, version: 0);

        Assert.Equal(1, reply.As<StatResponse>().Stat.Aversion);
        Assert.Equal(readOnly, (await client.CallAsync(OpCode.GetAcl, new PathRequest("/a"))).As<GetAclResponse>().Acls);
        Assert.Equal(ErrorCode.NoAuth, (await client.SetDataAsync("/a", [1])).Err);
    }

    [Fact]
    public async Task SetAcl_RemovesDuplicateEntries()
    {
        await using var fixture = new EngineFixture();
        var client = await fixture.ConnectAsync();
        await client.CreateAsync("/a");

        await client.SetAclAsync("/a", [.. TestClientExtensions.OpenAcl, .. TestClientExtensions.OpenAcl]);

        Assert.Equal(TestClientExtensions.OpenAcl, (await client.CallAsync(OpCode.GetAcl, new PathRequest("/a"))).As<GetAclResponse>().Acls);
    }

    public static TheoryData<string, string> InvalidIds => new()
    {
        { "world", "bob" },
        { "nosuch", "x" },
        { "digest", "no-colon" },
        { "ip", "1.2.3.4/33" },
        { "ip", "not-an-ip" },
        { "x509", "CN=a" },
        { "super", "x" },
    };

    [Theory]
    [MemberData(nameof(InvalidIds))]
    public async Task Create_WithInvalidAclId_IsInvalidAcl(string scheme, string id)
    {
        await using var fixture = new EngineFixture();
        var client = await fixture.ConnectAsync();

        var reply = await client.CreateAsync("/a", acl: [new(Perms.All, new Id(scheme, id))]);

        Assert.Equal(ErrorCode.InvalidAcl, reply.Err);
    }

    public static TheoryData<string, string> JavaRejectedIds => new()
    {
        { "sasl", "bob" },
        { "ip", "10" },
        { "ip", "1.2.3" },
        { "digest", "alice:" },
    };

    [Theory]
    [MemberData(nameof(JavaRejectedIds))]
    public async Task Create_WithIdJavaRejects_IsInvalidAcl(string scheme, string id)
    {
        await using var fixture = new EngineFixture();
        var client = await fixture.ConnectAsync();

        var reply = await client.CreateAsync("/a", acl: [new(Perms.All, new Id(scheme, id))]);

        Assert.Equal(ErrorCode.InvalidAcl, reply.Err);
    }

    [Fact]
    public async Task Create_WithDigestIdEndingInColon_IsAccepted()
    {
        await using var fixture = new EngineFixture();
        var client = await fixture.ConnectAsync();

        var reply = await client.CreateAsync("/a", acl: [new(Perms.All, new Id("digest", "a:b:"))]);

        Assert.Equal(ErrorCode.Ok, reply.Err);
    }

    [Fact]
    public async Task Create_WithEmptyOrNullAcl_IsInvalidAcl()
    {
        await using var fixture = new EngineFixture();
        var client = await fixture.ConnectAsync();

        Assert.Equal(ErrorCode.InvalidAcl, (await client.CreateAsync("/a", acl: [])).Err);
        Assert.Equal(ErrorCode.InvalidAcl, (await client.CallAsync(OpCode.Create, new CreateRequest("/a", [], null, 0))).Err);
    }

    [Fact]
    public async Task Create_WithValidIpAndDigestIds_IsAccepted()
    {
        await using var fixture = new EngineFixture();
        var client = await fixture.ConnectAsync();

        var reply = await client.CreateAsync("/a", acl: [new(Perms.Read, new Id("ip", "10.0.0.0/8")), new(Perms.All, new Id("digest", TestClientExtensions.AliceDigest))]);

        Assert.Equal(ErrorCode.Ok, reply.Err);
    }

    [Fact]
    public async Task AuthScheme_WithoutAuthenticatedIds_IsInvalidAcl()
    {
        await using var fixture = new EngineFixture();
        var client = await fixture.ConnectAsync();

        var reply = await client.CreateAsync("/a", acl: [new(Perms.All, new Id("auth", ""))]);

        Assert.Equal(ErrorCode.InvalidAcl, reply.Err);
    }

    [Fact]
    public async Task AuthScheme_WithANullId_AsKazooSendsIt_ExpandsToo()
    {
        await using var fixture = new EngineFixture();
        var client = await fixture.ConnectAsync();
        await client.AuthAsync("digest", "alice:secret");

        var reply = await client.CreateAsync("/a", acl: [new(Perms.All, new Id("auth", null))]);

        Assert.Equal(ErrorCode.Ok, reply.Err);
        Assert.Equal(TestClientExtensions.AliceOnly, (await client.CallAsync(OpCode.GetAcl, new PathRequest("/a"))).As<GetAclResponse>().Acls);
    }

    [Fact]
    public async Task AuthScheme_ExpandsToTheDigestIdNotTheIp()
    {
        await using var fixture = new EngineFixture();
        var client = await fixture.ConnectAsync();
        await client.AuthAsync("digest", "alice:secret");

        await client.CreateAsync("/a", acl: [new(Perms.All, new Id("auth", "ignored"))]);

        var acls = (await client.CallAsync(OpCode.GetAcl, new PathRequest("/a"))).As<GetAclResponse>().Acls;
        Assert.Equal(TestClientExtensions.AliceOnly, acls);
    }

    [Fact]
    public async Task GetAcl_WithReadButNotAdmin_MasksDigestIds()
    {
        await using var fixture = new EngineFixture();
        var alice = await fixture.ConnectAsync();
        await alice.AuthAsync("digest", "alice:secret");
        await alice.CreateAsync("/a", acl: [new(Perms.All, new Id("digest", TestClientExtensions.AliceDigest)), new(Perms.Read, new Id("world", "anyone"))]);
        var stranger = await fixture.ConnectAsync();

        var masked = (await stranger.CallAsync(OpCode.GetAcl, new PathRequest("/a"))).As<GetAclResponse>().Acls;
        var full = (await alice.CallAsync(OpCode.GetAcl, new PathRequest("/a"))).As<GetAclResponse>().Acls;

        Assert.Equal(new Acl(Perms.All, new Id("digest", "alice:x")), masked![0]);
        Assert.Equal(new Acl(Perms.All, new Id("digest", TestClientExtensions.AliceDigest)), full![0]);
    }

    [Fact]
    public async Task GetAcl_WithoutReadOrAdmin_IsNoAuth()
    {
        await using var fixture = new EngineFixture();
        var alice = await fixture.ConnectAsync();
        await alice.AuthAsync("digest", "alice:secret");
        await alice.CreateAsync("/a", acl: TestClientExtensions.AliceOnly);
        var stranger = await fixture.ConnectAsync();

        Assert.Equal(ErrorCode.NoAuth, (await stranger.CallAsync(OpCode.GetAcl, new PathRequest("/a"))).Err);
    }

    [Fact]
    public async Task IpAcl_MatchesTheConnectionsAddress()
    {
        await using var fixture = new EngineFixture();
        var client = await fixture.ConnectAsync();
        await client.CreateAsync("/local", acl: [new(Perms.All, new Id("ip", "127.0.0.0/8"))]);
        await client.CreateAsync("/remote", acl: [new(Perms.All, new Id("ip", "10.0.0.1"))]);

        Assert.Equal(ErrorCode.Ok, (await client.GetDataAsync("/local")).Err);
        Assert.Equal(ErrorCode.NoAuth, (await client.GetDataAsync("/remote")).Err);
    }

    [Fact]
    public async Task SuperDigest_GrantsEverything_AndShowsInWhoAmI()
    {
        await using var fixture = new EngineFixture(EngineFixture.DefaultOptions with
        {
            Properties = new Dictionary<string, string> { ["zookeeper.DigestAuthenticationProvider.superDigest"] = "super:D/InIHSb7yEEbrWz8b9l71RjZJU=" },
        });
        var alice = await fixture.ConnectAsync();
        await alice.AuthAsync("digest", "alice:secret");
        await alice.CreateAsync("/a", acl: TestClientExtensions.AliceOnly);
        var root = await fixture.ConnectAsync();

        await root.AuthAsync("digest", "super:test");

        Assert.Equal(ErrorCode.Ok, (await root.SetDataAsync("/a", [1])).Err);
        Assert.Equal(ErrorCode.Ok, (await root.SetDataAsync("/zookeeper/config", [1])).Err);
        var infos = (await root.CallAsync(OpCode.WhoAmI)).As<WhoAmIResponse>().Infos;
        Assert.Contains(new ClientInfo("super", ""), infos!);
    }
}
