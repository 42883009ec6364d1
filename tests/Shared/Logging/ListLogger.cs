using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace DarkPool.Testing.Shared;

/// <summary>Keeps every formatted log line with its level and event id; safe to log to from several threads.</summary>
internal sealed class ListLogger : ILogger
{
    private readonly ConcurrentQueue<(LogLevel Level, EventId Event, string Message)> _lines = new();

    public IReadOnlyCollection<(LogLevel Level, EventId Event, string Message)> Lines => _lines;

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        _lines.Enqueue((logLevel, eventId, formatter(state, exception)));
}
