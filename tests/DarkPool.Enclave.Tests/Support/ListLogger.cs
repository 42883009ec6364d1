using Microsoft.Extensions.Logging;

namespace DarkPool.Enclave.Tests.Support;

/// <summary>Keeps every formatted log line with its event id and level.</summary>
internal sealed class ListLogger : ILogger
{
    private readonly List<(LogLevel Level, EventId Event, string Message)> _lines = [];

    public IReadOnlyList<(LogLevel Level, EventId Event, string Message)> Lines => _lines;

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        _lines.Add((logLevel, eventId, formatter(state, exception)));
}
