using Microsoft.Extensions.Logging;

namespace ZkCompat.Server.Host;

/// <summary>The host's log lines.</summary>
internal static partial class HostLog
{
    [LoggerMessage(100, LogLevel.Error, "Invalid config {Path}: {Message}")]
    public static partial void InvalidConfig(ILogger logger, string path, string message);

    [LoggerMessage(EventId = 101, Message = "{Path} {Note}")]
    public static partial void ConfigNote(ILogger logger, LogLevel level, string path, string note);

    [LoggerMessage(102, LogLevel.Information, "Shutting down")]
    public static partial void Stopping(ILogger logger);

    [LoggerMessage(104, LogLevel.Information, "Stopped: connections closed, log flushed; sessions stay until they expire")]
    public static partial void Stopped(ILogger logger);

    [LoggerMessage(103, LogLevel.Critical, "Cannot start: {Message}")]
    public static partial void CannotStart(ILogger logger, string message);
}
