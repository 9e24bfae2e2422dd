using ZkCompat.Protocol.Codes;

namespace ZkCompat.CompatTests.Differential;

/// <summary>
/// Quotas as zkCli's setquota lays them out: /zookeeper/quota/&lt;path&gt;/zookeeper_limits and
/// zookeeper_stats (PROTOCOL.md §7.1), on the Extended servers where zookeeper.enforceQuota is on.
/// </summary>
internal static class QuotaScenarios
{
    public static IEnumerable<Scenario> All()
    {
        yield return Quota("quota/count-hard-limit", "count=-1,bytes=-1,countHardLimit=3,byteHardLimit=-1")
            .Create("a", "~/q/a").Create("a", "~/q/b").Create("a", "~/q/c", expect: ErrorCode.QuotaExceeded)
            .GetData("a", "/zookeeper/quota~/q/zookeeper_stats").Delete("a", "~/q/b").Create("a", "~/q/c").Build();
        yield return Quota("quota/bytes-hard-limit", "count=-1,bytes=-1,countHardLimit=-1,byteHardLimit=10")
            .Create("a", "~/q/a", "12345").SetData("a", "~/q/a", "1234567890").SetData("a", "~/q/a", "12345678901", expect: ErrorCode.QuotaExceeded)
            .Create("a", "~/q/b", "x", expect: ErrorCode.QuotaExceeded).GetData("a", "/zookeeper/quota~/q/zookeeper_stats").Build();
        yield return Quota("quota/soft-limit-only-warns", "count=2,bytes=5")
            .Create("a", "~/q/a", "123456").Create("a", "~/q/b").Create("a", "~/q/c")
            .GetData("a", "/zookeeper/quota~/q/zookeeper_stats").Build();
        yield return Quota("quota/stats-follow-changes", "count=-1,bytes=-1")
            .Create("a", "~/q/a", "abc").Create("a", "~/q/a/b", "de").SetData("a", "~/q/a", "abcdef").Delete("a", "~/q/a/b")
            .GetData("a", "/zookeeper/quota~/q/zookeeper_stats").Build();
        // Java checks each op of a multi against the stats of applied txns only, so this multi passes the limit.
        yield return Quota("quota/multi-checked-against-applied-stats", "count=-1,bytes=-1,countHardLimit=2,byteHardLimit=-1")
            .Multi("a", [Mop.Create("~/q/a"), Mop.Create("~/q/b")], [ErrorCode.Ok, ErrorCode.Ok])
            .GetChildren("a", "~/q").GetData("a", "/zookeeper/quota~/q/zookeeper_stats").Build();
    }

    /// <summary>Root ~, quota root ~/q with the given limits and fresh stats, as zkCli setquota creates them.</summary>
    private static ScenarioBuilder Quota(string name, string limits) => new ScenarioBuilder(name, ServerProfile.Extended).Begin()
        .Create("a", "~/q").Create("a", "/zookeeper/quota~").Create("a", "/zookeeper/quota~/q")
        .Create("a", "/zookeeper/quota~/q/zookeeper_limits", limits).Create("a", "/zookeeper/quota~/q/zookeeper_stats", "count=0,bytes=0")
        .GetData("a", "/zookeeper/quota~/q/zookeeper_stats");
}
