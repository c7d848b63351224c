using Microsoft.Extensions.Logging;

namespace PersonalAccessTokens;

/// <summary>Lifecycle log messages. They name tokens by id, never by their text.</summary>
internal static partial class PatLifecycleLog
{
    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Personal access token {TokenId} of {Subject} was revoked by id.")]
    public static partial void Revoked(ILogger logger, string tokenId, string subject);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Information, Message = "Personal access token {TokenId} of {Subject} was rotated; its successor is {SuccessorId}.")]
    public static partial void Rotated(ILogger logger, string tokenId, string successorId, string subject);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Warning, Message = "Token {TokenId}, rotated away, was used again: someone else holds a copy. Revoked its whole family {FamilyId} of {Subject}.")]
    public static partial void ReuseDetected(ILogger logger, string tokenId, string familyId, string subject);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Error, Message = "Could not finish reuse detection for token {TokenId}; the token itself stays refused.")]
    public static partial void ReuseDetectionFailed(ILogger logger, Exception exception, string tokenId);

    [LoggerMessage(EventId = 5005, Level = LogLevel.Warning, Message = "Could not write the last use of {Count} tokens; they are kept for the next flush.")]
    public static partial void UsageFlushFailed(ILogger logger, Exception exception, int count);

    [LoggerMessage(EventId = 5006, Level = LogLevel.Error, Message = "The expiry notifier failed for token {TokenId} ({Window} window); that notice is not retried.")]
    public static partial void NotifierFailed(ILogger logger, Exception exception, string tokenId, TimeSpan window);

    [LoggerMessage(EventId = 5007, Level = LogLevel.Warning, Message = "Record maintenance (purge or expiry notices) failed; it runs again at the next tick.")]
    public static partial void MaintenanceFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 5008, Level = LogLevel.Error, Message = "A reuse observer failed for family {FamilyId}.")]
    public static partial void ObserverFailed(ILogger logger, Exception exception, string familyId);

    [LoggerMessage(EventId = 5009, Level = LogLevel.Warning, Message = "Could not mark the tokens derived from {TokenId} revoked in their records; validation refuses them anyway.")]
    public static partial void DescendantsNotMarked(ILogger logger, Exception exception, string tokenId);
}
