namespace ZkCompat.Testing.Tests;

/// <summary>The in-process ensemble, driven by kazoo over real sockets.</summary>
public class ZkTestEnsembleTests
{
    [Fact]
    public async Task StartAsync_ElectsOneLeader_AndEveryMemberServesTheSameData()
    {
        await using var ens = await ZkTestEnsemble.StartAsync(participants: 3, observers: 1);

        Assert.Single(ens.Members, m => m.Mode == "leader");
        Assert.Equal(2, ens.Members.Count(m => m.Mode == "follower"));
        Assert.Equal("observer", ens.Members[3].Mode);
        // As in Java, a member serving epoch 1 reports at least zxid 0x100000000 (srvr, reply headers),
        // so a client that saw that zxid on a Java member is not refused here as being ahead.
        Assert.All(await ens.DigestsAsync(), view => Assert.True(view.Zxid >= 1L << 32, $"server {view.Sid} at 0x{view.Zxid:x}"));
        await using (var writer = KazooProcess.Start("write", ens.Members[1].ConnectString, "/through-a-follower"))
            Assert.Equal("OK /through-a-follower", await writer.ReadLineAsync());
        await using var reader = KazooProcess.Start("readall", ens.ConnectString);
        foreach (var member in ens.Members)
            Assert.Equal($"{member.ConnectString} through-a-follower,zookeeper", await reader.ReadLineAsync());
    }

    [Fact]
    public async Task PipelinedRequestsOfOneSession_OnLeaderAndFollower_AreAnsweredInOrder_ReadsSeeEarlierWrites()
    {
        await using var ens = await ZkTestEnsemble.StartAsync(participants: 3);
        var follower = ens.Members.First(m => m.Mode == "follower");

        foreach (var member in new[] { ens.Leader!, follower })
        {
            await using var pipeline = KazooProcess.Start("pipeline", member.ConnectString);
            Assert.Equal("PIPELINE 300 of 300", await pipeline.ReadLineAsync());
        }
    }

    [Fact]
    public async Task CloseSessionBehindEphemeralCreatesInFlight_OnLeaderAndFollower_TakesThemAll()
    {
        await using var ens = await ZkTestEnsemble.StartAsync(participants: 3);
        var follower = ens.Members.First(m => m.Mode == "follower");

        foreach (var member in new[] { ens.Leader!, follower })
        {
            await using var kazoo = KazooProcess.Start("ephclose", member.ConnectString);
            var line = await kazoo.ReadLineAsync();
            Assert.Matches(@"^CREATED \d+ LEFT 0$", line);
        }
    }

    [Fact]
    public async Task ForceLeaderChangeAsync_NewLeaderTakesWrites_AndNothingIsLost()
    {
        await using var ens = await ZkTestEnsemble.StartAsync(participants: 3);
        await using (var before = KazooProcess.Start("write", ens.ConnectString, "/before"))
            Assert.Equal("OK /before", await before.ReadLineAsync());
        var old = ens.Leader!;

        var leader = await ens.ForceLeaderChangeAsync();

        Assert.NotEqual(old.Sid, leader.Sid);
        Assert.Equal("follower", old.Mode);
        await using (var after = KazooProcess.Start("write", leader.ConnectString, "/after"))
            Assert.Equal("OK /after", await after.ReadLineAsync());
        await using var reader = KazooProcess.Start("readall", ens.ConnectString);
        foreach (var member in ens.Members)
            Assert.Equal($"{member.ConnectString} after,before,zookeeper", await reader.ReadLineAsync());
        // Once every member has applied the same last zxid (readall's own closeSession may still be
        // on its way), the tree digests are equal too.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        var digests = await ens.DigestsAsync();
        while (digests.Select(d => d.Zxid).Distinct().Count() > 1 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
            digests = await ens.DigestsAsync();
        }

        Assert.Single(digests.Select(d => (d.Zxid, d.Digest)).Distinct());
    }

    [Fact]
    public async Task ExpireSessionAsync_EphemeralGoesOnEveryMember()
    {
        await using var ens = await ZkTestEnsemble.StartAsync(participants: 3);
        await using var kazoo = KazooProcess.Start("expire", ens.Members[0].ConnectString);
        var session = Convert.ToInt64((await kazoo.ReadLineAsync())["SESSION ".Length..], 16);

        Assert.True(await ens.ExpireSessionAsync(session));
        await kazoo.ContinueAsync();

        Assert.Equal("LOST", await kazoo.ReadLineAsync());
        Assert.Equal("EPHEMERAL_GONE", await kazoo.ReadLineAsync());
        await using var reader = KazooProcess.Start("readall", ens.ConnectString);
        foreach (var member in ens.Members)
            Assert.Equal($"{member.ConnectString} zookeeper", await reader.ReadLineAsync());
    }

    [Fact]
    public async Task Isolate_TheRestElectALeader_AndTheIsolatedMemberCatchesUpWhenHealed()
    {
        await using var ens = await ZkTestEnsemble.StartAsync(participants: 3);
        var isolated = ens.Leader!;

        ens.Isolate(isolated);
        await using (var during = KazooProcess.Start("write", string.Join(',', ens.Members.Where(m => m != isolated).Select(m => m.ConnectString)), "/during"))
            Assert.Equal("OK /during", await during.ReadLineAsync());
        ens.Isolate(isolated, false);
        await ens.WaitForQuorumAsync();

        await using var reader = KazooProcess.Start("readall", isolated.ConnectString);
        Assert.Equal($"{isolated.ConnectString} during,zookeeper", await reader.ReadLineAsync());
    }
}
