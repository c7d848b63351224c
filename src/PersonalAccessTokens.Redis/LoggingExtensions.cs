using Microsoft.Extensions.Logging;

namespace PersonalAccessTokens.Redis;

internal static partial class LoggingExtensions
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "Lost Redis ({Failure}): answering revocation checks from this node's replica, which is now stale. Past {StalenessLimit} the store will {Behavior}.")]
    public static partial void ReplicaStale(this ILogger logger, string failure, TimeSpan stalenessLimit, RedisOutageBehavior behavior);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "Revocation replica is fresh again: {Entries} entries loaded from Redis.")]
    public static partial void ReplicaFresh(this ILogger logger, int entries);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Warning, Message = "Could not load the revocation list from Redis; the replica stays stale until the next attempt.")]
    public static partial void ResyncFailed(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Debug, Message = "Ignored a malformed message on the revocation channel.")]
    public static partial void MessageIgnored(this ILogger logger);
}
