using ZkCompat.Protocol.Codes;
using ZkCompat.Protocol.Records;
using ZkCompat.Server.Tests.Support;

namespace ZkCompat.Server.Tests;

public class EngineBasicsTests
{
    private static readonly List<Acl> s_open = [new(Perms.All, new Id("world", "anyone"))];

    [Fact]
    public async Task Create_ThenGetData_ReturnsDataAndStat()
    {
        await using var fixture = new EngineFixture();
        var client = await fixture.ConnectAsync();

        var created = await client.CallAsync(OpCode.Create, new CreateRequest("/a", "hi"u8.ToArray(), s_open, 0));
        var read = await client.CallAsync(OpCode.GetData, new PathWatchRequest("/a", false));

        Assert.Equal("/a", created.As<PathResponse>().Path);
        var data = read.As<GetDataResponse>();
        Assert.Equal("hi"u8.ToArray(), data.Data);
        Assert.Equal(created.Header.Zxid, data.Stat.Czxid);
        Assert.Equal(2, data.Stat.DataLength);
    }

    [Fact]
    public async Task DataWatch_FiresBeforeTheReplyToTheChange()
    {
        await using var fixture = new EngineFixture();
        var client = await fixture.ConnectAsync();
        await client.CallAsync(OpCode.Create, new CreateRequest("/w", [], s_open, 0));
        await client.CallAsync(OpCode.GetData, new PathWatchRequest("/w", true));

        await client.CallAsync(OpCode.SetData, new SetDataRequest("/w", [1], -1));

        var e = Assert.Single(client.Events);
        Assert.Equal((EventType.NodeDataChanged, "/w"), (e.Type, e.Path));
    }
}
