using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ZkCompat.Quorum.Tests.Runtime;

/// <summary>Keeps every line logged, with the time it was logged, for tests that wait on a line.</summary>
internal sealed class ListLogger : ILogger
{
    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();

    public ConcurrentQueue<(TimeSpan At, string Line)> Lines { get; } = new();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Lines.Enqueue((_clock.Elapsed, formatter(state, exception)));

    /// <summary>Waits (bounded) for a line holding <paramref name="text"/>; its time, or null when none came.</summary>
    public async Task<TimeSpan?> WaitForAsync(string text, TimeSpan timeout)
    {
        var deadline = _clock.Elapsed + timeout;
        while (_clock.Elapsed < deadline)
        {
            foreach (var (at, line) in Lines)
            {
                if (line.Contains(text, StringComparison.Ordinal))
                    return at;
            }

            await Task.Delay(10);
        }

        return null;
    }

    public TimeSpan Now => _clock.Elapsed;
}
