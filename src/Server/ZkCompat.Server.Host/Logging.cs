using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace ZkCompat.Server.Host;

/// <summary>Console logging, one line per entry; ZKCOMPAT_LOG_LEVEL picks the level (default Information).</summary>
internal static class Logging
{
    public static ILoggerFactory Create()
    {
        var level = Enum.TryParse<LogLevel>(Environment.GetEnvironmentVariable("ZKCOMPAT_LOG_LEVEL"), ignoreCase: true, out var parsed)
            ? parsed
            : LogLevel.Information;
        return LoggerFactory.Create(builder => builder
            .SetMinimumLevel(level)
            .AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "yyyy-MM-dd HH:mm:ss.fff ";
                o.UseUtcTimestamp = true;
                o.ColorBehavior = LoggerColorBehavior.Disabled;
            }));
    }
}
