namespace ZkCompat.Server.Metrics;

/// <summary>The kinds of metric Java's ServerMetrics registers; each kind has its own map and its own place in mntr.</summary>
internal enum MetricKind
{
    /// <summary>One number: <c>name</c>.</summary>
    Counter,

    /// <summary><c>avg_</c>, <c>min_</c>, <c>max_</c>, <c>cnt_</c>, <c>sum_</c> + name (DetailLevel.BASIC).</summary>
    Summary,

    /// <summary>A summary with <c>p50_</c>, <c>p95_</c>, <c>p99_</c>, <c>p999_</c> too (DetailLevel.ADVANCED).</summary>
    PercentileSummary,

    /// <summary>One basic summary per key, named <c>key_name</c>.</summary>
    SummarySet,

    /// <summary>One percentile summary per key.</summary>
    PercentileSummarySet,

    /// <summary>One counter per key, named <c>key_name</c>.</summary>
    CounterSet,
}
