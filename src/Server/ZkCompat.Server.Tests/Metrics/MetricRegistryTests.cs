using ZkCompat.Server.Metrics;

namespace ZkCompat.Server.Tests.Metrics;

/// <summary>The registry's namespaces and its dump, as Java's ServerMetrics and DataTree make them.</summary>
public class MetricRegistryTests
{
    [Theory]
    [InlineData("/app", "app")]
    [InlineData("/app/a/b", "app")]
    [InlineData("/zookeeper/quota/x", "zookeeper")]
    [InlineData("/app/", "app")]
    [InlineData("/", null)]
    [InlineData("//a", "")]
    [InlineData("a/b", "b")]
    public void TopNamespace_IsTheFirstSegment(string path, string? ns)
    {
        Assert.Equal(ns, MetricRegistry.TopNamespace(path));
        Assert.Equal(ns is not null, MetricRegistry.TryTopNamespace(path, out var span));
        Assert.Equal(ns ?? "", span.ToString());
    }

    [Fact]
    public void NodeRead_OfTheRoot_CountsNoNamespace()
    {
        var registry = new MetricRegistry();
        var before = registry.Dump().Count;

        registry.NodeRead("/", 10);
        registry.NodeWritten("/a", 3);

        Assert.Equal(before + 5, registry.Dump().Count);
    }

    [Fact]
    public void Dump_Fresh_HasEveryRegisteredMetricOnce()
    {
        var keys = new MetricRegistry().Dump().Select(v => v.Key).ToList();

        // 47 counters, 41 basic summaries (5 keys each), 23 with percentiles (9 each); the sets are empty.
        Assert.Equal(47 + (41 * 5) + (23 * 9), keys.Count);
        Assert.Equal(keys.Count, keys.Distinct().Count());
    }
}
