using ZkCompat.Protocol.Codes;
using ZkCompat.Protocol.Records;
using ZkCompat.Server.Tests.Support;

namespace ZkCompat.Server.Tests;

/// <summary>Stat fields as PROTOCOL.md §3.4 derives them (Q3, Q10).</summary>
public class StatTests
{
    [Fact]
    public async Task Create_SetsZxidsTimesAndZeroVersions()
    {
        await using var fixture = new EngineFixture();
        var client = await fixture.ConnectAsync();
        var now = fixture.Time.GetUtcNow().ToUnixTimeMilliseconds();

        var created = await client.CreateAsync("/a", "abc"u8.ToArray());

        var stat = await client.StatAsync("/a");
        var zxid = created.Header.Zxid;
        Assert.Equal(new Stat(zxid, zxid, now, now, 0, 0, 0, 0, 3, 0, zxid), stat);
    }

    [Fact]
    public async Task ReportedCversion_IsTwiceStoredMinusChildren()
    {
        await using var fixture = new EngineFixture();
        var client = await fixture.ConnectAsync();
        await client.CreateAsync("/a");
        await client.CreateAsync("/a/1");
        await client.CreateAsync("/a/2");
        await client.CreateAsync("/a/3");

        await client.DeleteAsync("/a/2");

        var stat = await client.StatAsync("/a");
        Assert.Equal(4, stat.Cversion);
        Assert.Equal(2, stat.NumChildren);
    }

    [Fact]
    public async Task BuiltInNodes_ReportJavasCversions()
    {
        await using var fixture = new EngineFixture();
        var client = await fixture.ConnectAsync();

        Assert.Equal(-2, (await client.StatAsync("/zookeeper")).Cversion);
        Assert.Equal(-1, (await client.StatAsync("/")).Cversion);
        Assert.Equal(0, (await client.StatAsync("/zookeeper/config")).Cversion);
    }

    [Fact]
    public async Task ChildCreateAndDelete_MoveParentPzxid_OnlyCreateMovesCversion()
    {
        await using var fixture = new EngineFixture();
        var client = await fixture.ConnectAsync();
        var parent = await client.CreateAsync("/p");

        var child = await client.CreateAsync("/p/c");
        var afterCreate = await client.StatAsync("/p");
        var deleted = await client.DeleteAsync("/p/c");
        var afterDelete = await client.StatAsync("/p");

        Assert.Equal(child.Header.Zxid, afterCreate.Pzxid);
        Assert.Equal(parent.Header.Zxid, afterCreate.Mzxid);
        Assert.Equal(deleted.Header.Zxid, afterDelete.Pzxid);
        Assert.Equal(1, afterCreate.Cversion);
        Assert.Equal(2, afterDelete.Cversion);
    }

    [Fact]
    public async Task SetData_MovesMzxidMtimeAndVersion_KeepsCreateFields()
    {
        await using var fixture = new EngineFixture();
        var client = await fixture.ConnectAsync();
        await client.CreateAsync("/a", [1]);
        var before = await client.StatAsync("/a");
        fixture.Advance(TimeSpan.FromMilliseconds(1500));

        var set = await client.SetDataAsync("/a", [1, 2, 3, 4]);

        var stat = set.As<StatResponse>().Stat;
        Assert.Equal(set.Header.Zxid, stat.Mzxid);
        Assert.Equal(before.Mtime + 1500, stat.Mtime);
        Assert.Equal(before.Ctime, stat.Ctime);
        Assert.Equal(before.Czxid, stat.Czxid);
        Assert.Equal(before.Pzxid, stat.Pzxid);
        Assert.Equal(1, stat.Version);
        Assert.Equal(4, stat.DataLength);
        Assert.Equal(stat, await client.StatAsync("/a"));
    }

    [Fact]
    public async Task SetAcl_MovesAversionOnly()
    {
        await using var fixture = new EngineFixture();
        var client = await fixture.ConnectAsync();
        await client.CreateAsync("/a");
        var before = await client.StatAsync("/a");

        await client.SetAclAsync("/a", TestClientExtensions.OpenAcl);

        Assert.Equal(before with { Aversion = 1 }, await client.StatAsync("/a"));
    }

    [Fact]
    public async Task EphemeralOwner_IsTheSessionForEphemerals_ZeroOtherwise()
    {
        await using var fixture = new EngineFixture();
        var client = await fixture.ConnectAsync();
        await client.CreateAsync("/e", mode: CreateMode.Ephemeral);
        await client.CreateAsync("/p");
        await client.CreateAsync("/c", mode: CreateMode.Container, op: OpCode.CreateContainer);

        Assert.Equal(client.SessionId().Value, (await client.StatAsync("/e")).EphemeralOwner);
        Assert.Equal(0, (await client.StatAsync("/p")).EphemeralOwner);
        Assert.Equal(0, (await client.StatAsync("/c")).EphemeralOwner);
    }

    [Fact]
    public async Task NullData_HasLengthZero_AndReadsBackNull_EmptyReadsBackEmpty()
    {
        await using var fixture = new EngineFixture();
        var client = await fixture.ConnectAsync();
        await client.CallAsync(OpCode.Create, new CreateRequest("/null", null, TestClientExtensions.OpenAcl, 0));
        await client.CreateAsync("/empty", []);

        var nullData = (await client.GetDataAsync("/null")).As<GetDataResponse>();
        var emptyData = (await client.GetDataAsync("/empty")).As<GetDataResponse>();

        Assert.Null(nullData.Data);
        Assert.Equal(0, nullData.Stat.DataLength);
        Assert.NotNull(emptyData.Data);
        Assert.Empty(emptyData.Data);
    }

    [Fact]
    public async Task SetDataToNull_ReadsBackNull()
    {
        await using var fixture = new EngineFixture();
        var client = await fixture.ConnectAsync();
        await client.CreateAsync("/a", [1, 2]);

        var set = await client.SetDataAsync("/a", null);

        Assert.Equal(0, set.As<StatResponse>().Stat.DataLength);
        Assert.Null((await client.GetDataAsync("/a")).As<GetDataResponse>().Data);
    }

    [Fact]
    public async Task FailedWrites_LeaveStatUnchanged()
    {
        await using var fixture = new EngineFixture();
        var client = await fixture.ConnectAsync();
        await client.CreateAsync("/a");
        var before = await client.StatAsync("/a");

        await client.SetDataAsync("/a", [1], version: 9);
        await client.CreateAsync("/a");
        await client.CreateAsync("/a/x", acl: []);

        Assert.Equal(before, await client.StatAsync("/a"));
    }

    [Fact]
    public async Task NumChildren_CountsCurrentChildren()
    {
        await using var fixture = new EngineFixture();
        var client = await fixture.ConnectAsync();
        await client.CreateAsync("/a");
        await client.CreateAsync("/a/1");
        await client.CreateAsync("/a/2", mode: CreateMode.Ephemeral);

        Assert.Equal(2, (await client.StatAsync("/a")).NumChildren);
        Assert.Equal(0, (await client.StatAsync("/a/1")).NumChildren);
    }
}
