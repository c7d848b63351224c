using Microsoft.Extensions.Logging;

namespace PersonalAccessTokens.Redis;

internal static partial class LoggingExtensions
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "Lost Redis ({Failure}): answering revocation checks from this node's replica, which is now stale. Past {StalenessLimit} the store will {Behavior}.")]
    public static partial void ReplicaStale(this ILogger logger, string failure, TimeSpan stalenessLimit, RedisOutageBehavior behavior);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "Revocation replica is fresh again: {Entries} entries.")]
    public static partial void ReplicaFresh(this ILogger logger, int entries);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Warning, Message = "Could not bring the revocation replica up to date from Redis; it stays stale until the next attempt.")]
    public static partial void SynchronizationFailed(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Warning, Message = "Ignored a malformed entry in the revocation change log: {Reason}.")]
    public static partial void ChangeIgnored(this ILogger logger, string reason);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Information, Message = "Loaded the revocation list from Redis: {Entries} entries, change log from {Position}.")]
    public static partial void ListLoaded(this ILogger logger, int entries, StreamPosition position);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Warning, Message = "The revocation change log no longer reaches back to {Position}, where this node stopped reading; reloading the whole list.")]
    public static partial void ChangeLogGap(this ILogger logger, StreamPosition position);
}
