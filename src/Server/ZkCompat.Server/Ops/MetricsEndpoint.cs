using System.Net;

namespace ZkCompat.Server.Ops;

/// <summary>
/// The Prometheus endpoint Java's PrometheusMetricsProvider serves on metricsProvider.httpHost:httpPort
/// (PROTOCOL.md §9.2): GET /metrics in the text format.
/// </summary>
internal sealed class MetricsEndpoint : IAsyncDisposable
{
    /// <summary>The metricsProvider.className that turns this endpoint on.</summary>
    public const string PrometheusProvider = "org.apache.zookeeper.metrics.prometheus.PrometheusMetricsProvider";

    private readonly ServerMetrics _metrics;
    private readonly HttpEndpoint _http;

    public MetricsEndpoint(ServerMetrics metrics, IPEndPoint bind)
    {
        _metrics = metrics;
        _http = new HttpEndpoint(bind, HandleAsync);
        _http.Start();
    }

    public IPEndPoint Endpoint => _http.Endpoint;

    public ValueTask DisposeAsync() => _http.DisposeAsync();

    private async Task<HttpAnswer> HandleAsync(string path, IReadOnlyDictionary<string, string> query)
    {
        if (path is not ("/metrics" or "/"))
            return HttpAnswer.NotFound;
        await _metrics.RefreshAsync().ConfigureAwait(false);
        return new HttpAnswer(200, PrometheusText.ContentType, PrometheusText.Collect(_metrics.Meter));
    }
}
