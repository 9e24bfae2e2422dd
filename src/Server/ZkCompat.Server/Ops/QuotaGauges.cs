using ZkCompat.Server.Metrics;
using ZkCompat.Server.Tree;

namespace ZkCompat.Server.Ops;

/// <summary>
/// Java's per-namespace quota gauges (QuotaMetricsUtils): for each quota limit and stats node
/// under /zookeeper/quota, the limit (the hard one when set) or the usage, summed per top
/// namespace, printed as <c>namespace_quota_count_limit_per_namespace</c> and so on.
/// </summary>
internal static class QuotaGauges
{
    private const string LimitSuffix = "/" + Quotas.LimitNode;
    private const string StatsSuffix = "/" + Quotas.StatNode;

    /// <summary>The keys in Java's order: the four gauge sets in hash order, then each set's namespaces in hash order.</summary>
    public static List<(string Key, object Value)> Values(IReadOnlyList<(string Path, byte[]? Data)> quotaLeaves)
    {
        var values = new List<(string Key, object Value)>();
        foreach (var set in JavaHashOrder.Of(MetricCatalog.QuotaGaugeSets))
        {
            var sums = new Dictionary<string, long>(StringComparer.Ordinal);
            var order = new List<string>();
            foreach (var (path, data) in quotaLeaves)
            {
                if (Read(set, path, data) is not { } value || MetricRegistry.TopNamespace(path[DataTree.QuotaPath.Length..]) is not { } ns)
                    continue;
                if (!sums.ContainsKey(ns))
                    order.Add(ns);
                sums[ns] = sums.GetValueOrDefault(ns) + value;
            }

            foreach (var ns in JavaHashOrder.Of(order))
                values.Add((ns + "_" + set, sums[ns]));
        }

        return values;
    }

    private static long? Read(string set, string path, byte[]? data)
    {
        var limits = set.Contains("_limit_", StringComparison.Ordinal);
        if (data is null || !path.EndsWith(limits ? LimitSuffix : StatsSuffix, StringComparison.Ordinal))
            return null;
        var stats = StatsTrack.Of(data);
        return set switch
        {
            "quota_count_limit_per_namespace" => HardFirst(stats["countHardLimit"], stats["count"]),
            "quota_bytes_limit_per_namespace" => HardFirst(stats["byteHardLimit"], stats["bytes"]),
            "quota_count_usage_per_namespace" => stats["count"],
            _ => stats["bytes"],
        };
    }

    private static long HardFirst(long hard, long soft) => hard > -1 ? hard : soft;
}
