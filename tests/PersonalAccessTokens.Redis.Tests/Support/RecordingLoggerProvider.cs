using Microsoft.Extensions.Logging;

namespace PersonalAccessTokens.Redis.Tests.Support;

/// <summary>Keeps every log event's id and text, to prove a failure was reported and not swallowed.</summary>
public sealed class RecordingLoggerProvider : ILoggerProvider
{
    private readonly List<(int EventId, string Message)> _events = [];

    public IReadOnlyList<(int EventId, string Message)> Events
    {
        get
        {
            lock (_events)
            {
                return [.. _events];
            }
        }
    }

    public ILogger CreateLogger(string categoryName) => new Recorder(_events);

    public void Dispose()
    {
    }

    private sealed class Recorder(List<(int, string)> events) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (events)
            {
                events.Add((eventId.Id, formatter(state, exception)));
            }
        }
    }
}
