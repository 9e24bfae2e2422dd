using System.Text;
using ZkCompat.Protocol.Codes;
using ZkCompat.Protocol.Records;
using ZkCompat.Server.Tests.Support;

namespace ZkCompat.Server.Tests;

/// <summary>Quota stats and hard limits, as zkCli setquota/listquota see them on Java 3.8.0 (§7.1).</summary>
public class QuotaTests
{
    [Fact]
    public async Task StatsNode_TracksCountAndBytesOfTheSubtree()
    {
        await using var fixture = new EngineFixture();
        var client = await fixture.ConnectAsync();
        await client.CreateAsync("/q", "a"u8.ToArray());
        await client.CreateAsync("/q/x", "abc"u8.ToArray());

        await SetQuota(client, "/q", "count=-1,bytes=-1=;byteHardLimit=-1;countHardLimit=3");
        var initial = await Stats(client, "/q");
        await client.CreateAsync("/q/y", "12345"u8.ToArray());
        await client.SetDataAsync("/q/x", "a"u8.ToArray());
        await client.DeleteAsync("/q/y");

        Assert.Equal("count=2,bytes=4", initial);
        Assert.Equal("count=2,bytes=2", await Stats(client, "/q"));
    }

    [Theory]
    [InlineData("true", ErrorCode.QuotaExceeded)]
    [InlineData("false", ErrorCode.Ok)]
    public async Task HardCountLimit_RefusesOnlyWhenEnforced(string enforce, ErrorCode expected)
    {
        var options = EngineFixture.DefaultOptions with { Properties = new Dictionary<string, string> { ["zookeeper.enforceQuota"] = enforce } };
        await using var fixture = new EngineFixture(options);
        var client = await fixture.ConnectAsync();
        await client.CreateAsync("/q");
        await SetQuota(client, "/q", "count=-1,bytes=-1=;byteHardLimit=-1;countHardLimit=2");
        await client.CreateAsync("/q/a");

        var reply = await client.CreateAsync("/q/b");

        Assert.Equal(expected, reply.Err);
    }

    [Fact]
    public async Task HardByteLimit_RefusesALargerSetData()
    {
        var options = EngineFixture.DefaultOptions with { Properties = new Dictionary<string, string> { ["zookeeper.enforceQuota"] = "true" } };
        await using var fixture = new EngineFixture(options);
        var client = await fixture.ConnectAsync();
        await client.CreateAsync("/q", "ab"u8.ToArray());
        await SetQuota(client, "/q", "count=-1,bytes=-1=;byteHardLimit=5;countHardLimit=-1");

        var grow = await client.SetDataAsync("/q", "abcdef"u8.ToArray());
        var fit = await client.SetDataAsync("/q", "abcde"u8.ToArray());

        Assert.Equal((ErrorCode.QuotaExceeded, ErrorCode.Ok), (grow.Err, fit.Err));
    }

    /// <summary>What zkCli setquota does: the quota path, the limits node, then the stats node.</summary>
    private static async Task SetQuota(TestClient client, string path, string limits)
    {
        var dir = "/zookeeper/quota" + path;
        await client.CreateAsync(dir);
        await client.CreateAsync(dir + "/zookeeper_limits", Encoding.UTF8.GetBytes(limits));
        await client.CreateAsync(dir + "/zookeeper_stats", "count=0,bytes=0"u8.ToArray());
    }

    private static async Task<string> Stats(TestClient client, string path) =>
        Encoding.UTF8.GetString((await client.GetDataAsync("/zookeeper/quota" + path + "/zookeeper_stats")).As<GetDataResponse>().Data!);
}
