using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace ZkCompat.Server.Ops;

/// <summary>The AdminServer and the metrics endpoint a server runs, as its options ask (§8.2, §9.2).</summary>
internal sealed class OpsServices : IAsyncDisposable
{
    private OpsServices(AdminServer? admin, MetricsEndpoint? metrics)
    {
        Admin = admin;
        Metrics = metrics;
    }

    public AdminServer? Admin { get; }

    public MetricsEndpoint? Metrics { get; }

    /// <summary>
    /// Like Java: an AdminServer that cannot bind is logged and skipped; a metrics provider that
    /// cannot bind stops the start (throws <see cref="SocketException"/>).
    /// </summary>
    public static OpsServices Start(ServerOps ops, Meter meter, ILogger logger)
    {
        var options = ops.Options;
        MetricsEndpoint? metrics = null;
        if (options.MetricsProviderClassName is { } className)
        {
            if (className == MetricsEndpoint.PrometheusProvider)
            {
                metrics = new MetricsEndpoint(new ServerMetrics(ops, meter), new IPEndPoint(Address(options.MetricsHttpHost), options.MetricsHttpPort));
                OpsLog.MetricsServing(logger, metrics.Endpoint.ToString());
            }
            else if (!className.EndsWith("DefaultMetricsProvider", StringComparison.Ordinal))
            {
                OpsLog.UnknownMetricsProvider(logger, className);
            }
        }

        return new OpsServices(StartAdmin(ops, logger), metrics);
    }

    public async ValueTask DisposeAsync()
    {
        if (Admin is not null)
            await Admin.DisposeAsync().ConfigureAwait(false);
        if (Metrics is not null)
            await Metrics.DisposeAsync().ConfigureAwait(false);
    }

    private static AdminServer? StartAdmin(ServerOps ops, ILogger logger)
    {
        var options = ops.Options;
        if (!options.AdminServerEnabled)
            return null;
        var address = $"{options.AdminServerAddress}:{options.AdminServerPort}";
        try
        {
            var admin = new AdminServer(ops, new IPEndPoint(Address(options.AdminServerAddress), options.AdminServerPort));
            OpsLog.AdminServing(logger, $"http://{admin.Endpoint}{options.AdminCommandUrl}");
            return admin;
        }
        catch (Exception e) when (e is SocketException or ArgumentException)
        {
            OpsLog.AdminFailed(logger, address, e.Message);
            return null;
        }
    }

    private static IPAddress Address(string host) =>
        IPAddress.TryParse(host, out var address) ? address : Dns.GetHostAddresses(host)[0];
}
