using Xunit.Abstractions;
using ZkCompat.CompatTests.Servers;
using ZkCompat.CompatTests.Support;

namespace ZkCompat.CompatTests.Ensemble;

/// <summary>Three participants and one observer, started from one set of server.N lines, settle into their roles.</summary>
[Collection(SerialEnsembles.Name)]
public sealed class EnsembleRolesTests(EnsemblePool pool, ITestOutputHelper output)
{
    [Theory]
    [MemberData(nameof(EnsembleKinds.JavaOnly), MemberType = typeof(EnsembleKinds))]
    [MemberData(nameof(EnsembleKinds.WithZkCompat), MemberType = typeof(EnsembleKinds), Skip = EnsembleKinds.SkipUntilZkCompatQuorum)]
    public async Task ThreeParticipantsAndAnObserver_OneLeaderTwoFollowersTheObserverObserves(string kind)
    {
        var ensemble = await pool.GetAsync(kind);
        var status = await ensemble.WaitForQuorumAsync();
        output.WriteLine(status.ToString());
        var observer = ensemble.Members.Single(m => m.Role == MemberRole.Observer);

        Assert.Single(status.InMode("leader"));
        Assert.Equal(2, status.InMode("follower").Count);
        Assert.Equal([observer], status.InMode("observer"));
    }

    [Theory]
    [MemberData(nameof(EnsembleKinds.JavaOnly), MemberType = typeof(EnsembleKinds))]
    [MemberData(nameof(EnsembleKinds.WithZkCompat), MemberType = typeof(EnsembleKinds), Skip = EnsembleKinds.SkipUntilZkCompatQuorum)]
    public async Task SrvrAndStat_ShowTheSameModeLine_OnEveryMember(string kind)
    {
        var ensemble = await pool.GetAsync(kind);
        var status = await ensemble.WaitForQuorumAsync();
        foreach (var member in ensemble.Members)
        {
            var srvr = await FourLetterWord.AskAsync(EnsembleMember.Host, member.ClientPort, "srvr");
            var stat = await FourLetterWord.AskAsync(EnsembleMember.Host, member.ClientPort, "stat");
            output.WriteLine($"{member}: srvr Mode {FourLetterWord.Mode(srvr)}, stat Mode {FourLetterWord.Mode(stat)}");

            Assert.Equal(status.Modes[member], FourLetterWord.Mode(srvr));
            Assert.Equal(status.Modes[member], FourLetterWord.Mode(stat));
            Assert.Contains("\nZxid: 0x", srvr, StringComparison.Ordinal);
            Assert.Contains("Clients:\n", stat, StringComparison.Ordinal);
        }
    }
}
