using System.Globalization;
using Microsoft.Extensions.Logging;

namespace ZkCompat.Server.Host;

/// <summary>
/// A Microsoft.Extensions.Logging factory that writes one readable line per entry to stdout:
/// <c>2026-11-22 07:17:42.778 info: Category[id] message</c>. It replaces LoggerFactory.Create
/// with the console provider, whose dependency-injection and options setup cost about 100 ms of
/// start time (start time is a product feature, DESIGN.md).
/// </summary>
internal sealed class ConsoleLog(LogLevel minimum, TextWriter output) : ILoggerFactory
{
    private readonly Lock _gate = new();

    public LogLevel Minimum => minimum;

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void AddProvider(ILoggerProvider provider) => throw new NotSupportedException("ConsoleLog writes to the console only");

    public void Dispose()
    {
        lock (_gate)
            output.Flush();
    }

    private void Write(LogLevel level, string category, EventId id, string message, Exception? exception)
    {
        var line = string.Create(CultureInfo.InvariantCulture,
            $"{DateTime.UtcNow:yyyy-MM-dd HH:mm:ss.fff} {Name(level)}: {category}[{id.Id}] {message}");
        lock (_gate)
        {
            output.WriteLine(line);
            if (exception is not null)
                output.WriteLine(exception.ToString());
            output.Flush();
        }
    }

    private static string Name(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        _ => "crit",
    };

    private sealed class Logger(ConsoleLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None && logLevel >= log.Minimum;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
                log.Write(logLevel, category, eventId, formatter(state, exception), exception);
        }
    }
}
