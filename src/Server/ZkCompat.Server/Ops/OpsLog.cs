using Microsoft.Extensions.Logging;

namespace ZkCompat.Server.Ops;

/// <summary>The ops endpoints' log lines.</summary>
internal static partial class OpsLog
{
    [LoggerMessage(200, LogLevel.Information, "AdminServer serving {Url}")]
    public static partial void AdminServing(ILogger logger, string url);

    [LoggerMessage(201, LogLevel.Warning, "AdminServer not started on {Address}: {Reason}")]
    public static partial void AdminFailed(ILogger logger, string address, string reason);

    [LoggerMessage(202, LogLevel.Information, "Prometheus metrics serving http://{Address}/metrics")]
    public static partial void MetricsServing(ILogger logger, string address);

    [LoggerMessage(203, LogLevel.Warning, "metricsProvider.className {ClassName} is not supported; no metrics endpoint")]
    public static partial void UnknownMetricsProvider(ILogger logger, string className);
}
