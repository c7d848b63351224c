using Microsoft.Extensions.Logging;

namespace PersonalAccessTokens;

/// <summary>Validation log messages. They name the token by id, never by its text.</summary>
internal static partial class PatValidatorLog
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Debug, Message = "Validated personal access token {TokenId} of {Subject}.")]
    public static partial void Validated(ILogger logger, string tokenId, string subject);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Rejected a personal access token: {Failure}.")]
    public static partial void Rejected(ILogger logger, PatValidationFailure failure);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Information, Message = "Rejected personal access token {TokenId} of {Subject}: {Failure}.")]
    public static partial void RejectedSigned(ILogger logger, PatValidationFailure failure, string tokenId, string subject);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "The revocation store failed while checking personal access token {TokenId}; the token is refused.")]
    public static partial void RevocationStoreFailed(ILogger logger, Exception exception, string tokenId);
}
