using Microsoft.Extensions.Logging;

namespace ZkCompat.Server.Host;

/// <summary>
/// Console logging, one line per entry (<see cref="ConsoleLog"/>). The level comes from --log-level, else ZKCOMPAT_LOG_LEVEL,
/// else Information.
/// </summary>
internal static class Logging
{
    public static ILoggerFactory Create(LogLevel? level = null)
    {
        var chosen = level ?? Parse(Environment.GetEnvironmentVariable("ZKCOMPAT_LOG_LEVEL")) ?? LogLevel.Information;
        // Lines go to stdout, as the console provider wrote them (zkServer.sh start sends both streams to its .out file).
        return new ConsoleLog(chosen, Console.Out);
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
