using Microsoft.Extensions.Logging;

namespace PersonalAccessTokens.AspNetCore;

/// <summary>Authentication log messages. They name the token by id, never by its text.</summary>
internal static partial class LoggingExtensions
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Debug, Message = "Authenticated personal access token {TokenId} of {Subject}.")]
    public static partial void TokenAuthenticated(this ILogger logger, string tokenId, string subject);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "PAT authentication failed: {Failure}.")]
    public static partial void TokenRejected(this ILogger logger, PatValidationFailure failure);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Information, Message = "Refused to issue a PAT to {Subject}: {Code}.")]
    public static partial void IssueRefused(this ILogger logger, string subject, PatIssueErrorCode code);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Information, Message = "Personal access token {TokenId} of {Subject} was revoked by its holder.")]
    public static partial void TokenRevokedBySelf(this ILogger logger, string tokenId, string subject);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Information, Message = "Every PAT of {Subject} was revoked.")]
    public static partial void AllTokensRevoked(this ILogger logger, string subject);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Error, Message = "The token store failed; the request was answered 503.")]
    public static partial void StoreUnavailable(this ILogger logger, Exception exception);
}
