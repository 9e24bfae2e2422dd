using ZkCompat.Quorum.Config;

namespace ZkCompat.Quorum.Tests;

/// <summary>QuorumConfig.ConfigText against what Java 3.8.0 writes (PROTOCOL.md §9.2).</summary>
public class ConfigTextTests
{
    [Fact]
    public void ThreeServers_MatchWhatALiveJavaEnsembleServedInZookeeperConfig()
    {
        // /zookeeper/config of a Java 3.8.0 ensemble started from these three server lines:
        // 127.0.0.1:2291:2391 / localhost:2292:2392;2191 / 127.0.0.1:2293:2393:participant;127.0.0.1:21913
        var config = Config(
            new QuorumMember(1, "127.0.0.1", 2291, 2391, false),
            new QuorumMember(2, "localhost", 2292, 2392, false, "0.0.0.0", 2191),
            new QuorumMember(3, "127.0.0.1", 2293, 2393, false, "127.0.0.1", 21913));

        Assert.Equal(
            "server.1=127.0.0.1:2291:2391:participant\nserver.2=localhost:2292:2392:participant;0.0.0.0:2191\n"
            + "server.3=127.0.0.1:2293:2393:participant;127.0.0.1:21913\nversion=0",
            config.ConfigText);
        Assert.Equal(161, System.Text.Encoding.UTF8.GetByteCount(config.ConfigText));
    }

    [Fact]
    public void ObserversIPv6AndCollidingIds_MatchALiveJavaEnsemble()
    {
        // Members in the order Java's Properties walk gave them (33, 34, 18, 5); the HashMap keeps 34 before 18.
        var config = Config(
            new QuorumMember(33, "0:0:0:0:0:0:0:1", 2233, 2333, false, "0.0.0.0", 21933),
            new QuorumMember(34, "127.0.0.1", 2234, 2334, false, "0.0.0.0", 21934),
            new QuorumMember(18, "127.0.0.1", 2218, 2318, true, "0.0.0.0", 21918),
            new QuorumMember(5, "0:0:0:0:0:0:0:1", 2295, 2395, false, "0:0:0:0:0:0:0:1", 21905));

        Assert.Equal(
            "server.33=[0:0:0:0:0:0:0:1]:2233:2333:participant;0.0.0.0:21933\nserver.34=127.0.0.1:2234:2334:participant;0.0.0.0:21934\n"
            + "server.18=127.0.0.1:2218:2318:observer;0.0.0.0:21918\nserver.5=[0:0:0:0:0:0:0:1]:2295:2395:participant;[0:0:0:0:0:0:0:1]:21905\nversion=0",
            config.ConfigText);
    }

    [Fact]
    public void Version_IsLowerCaseHex()
    {
        var config = Config(new QuorumMember(1, "h", 1, 2, false)) with { ConfigVersion = 0x1A0000000 };

        Assert.EndsWith("\nversion=1a0000000", config.ConfigText, StringComparison.Ordinal);
    }

    /// <summary>Expected orders printed by Java 17's HashMap&lt;Long, …&gt; after putting the ids in the given order.</summary>
    [Theory]
    [InlineData("5 18 33 34 1 17 -1 4294967296 100", "-1 33 1 17 4294967296 18 34 100 5")]
    [InlineData("20 3 7 1 19 2 18 4 17 5 16 6 15 8 14 9 13 10 12 11", "1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20")]
    [InlineData("1 17 33 49 65 81 97 113 129 145 2 3", "1 33 65 97 129 2 3 17 49 81 113 145")]
    [InlineData("1 17 33 49 65 81 97 113 129 145 161 177 193 209 225 241 257 273 289", "1 65 129 193 257 17 81 145 209 273 33 97 161 225 289 49 113 177 241")]
    [InlineData("-5 9223372036854775807 -9223372036854775808 0 42 4294967297", "9223372036854775807 -9223372036854775808 0 4294967297 -5 42")]
    public void Members_ComeInJavaHashMapOrder(string inserted, string javaOrder)
    {
        var members = inserted.Split(' ').Select(long.Parse).Select(sid => new QuorumMember(sid, "h", 1, 2, false)).ToList();

        var order = ConfigTextFormat.InJavaHashMapOrder(members).Select(m => m.Sid);

        Assert.Equal(javaOrder, string.Join(' ', order));
    }

    private static QuorumConfig Config(params QuorumMember[] members) => new() { MyId = members[0].Sid, Members = members };
}
