using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace ZkCompat.Server.Host;

/// <summary>
/// Console logging, one line per entry. The level comes from --log-level, else ZKCOMPAT_LOG_LEVEL,
/// else Information.
/// </summary>
internal static class Logging
{
    public static ILoggerFactory Create(LogLevel? level = null)
    {
        var chosen = level ?? Parse(Environment.GetEnvironmentVariable("ZKCOMPAT_LOG_LEVEL")) ?? LogLevel.Information;
        return LoggerFactory.Create(builder => builder
            .SetMinimumLevel(chosen)
            .AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "yyyy-MM-dd HH:mm:ss.fff ";
                o.UseUtcTimestamp = true;
                o.ColorBehavior = LoggerColorBehavior.Disabled;
            }));
    }

    /// <summary>Trace, Debug, Information, Warning, Error, Critical or None (any case); also Java's INFO/WARN/DEBUG names.</summary>
    public static LogLevel? Parse(string? text) => text?.Trim().ToUpperInvariant() switch
    {
        null or "" => null,
        "INFO" => LogLevel.Information,
        "WARN" => LogLevel.Warning,
        "FATAL" => LogLevel.Critical,
        "OFF" => LogLevel.None,
        var other => Enum.TryParse<LogLevel>(other, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) ? parsed : null,
    };
}
