using Microsoft.Extensions.Logging;

namespace PersonalAccessTokens;

/// <summary>Issuance log messages. They name the token by id, never by its text.</summary>
internal static partial class PatIssuerLog
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Debug, Message = "Issued personal access token {TokenId} for {Subject}, signed by key {KeyId}, expiring {ExpiresAt:O}.")]
    public static partial void Issued(ILogger logger, string tokenId, string subject, string keyId, DateTimeOffset expiresAt);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "Refused an issue request: {Code} (subject {Subject}).")]
    public static partial void Refused(ILogger logger, PatIssueErrorCode code, string subject);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Information, Message = "Refused an issue request: InvalidSubject ({Reason}).")]
    public static partial void RefusedSubject(ILogger logger, string reason);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Error, Message = "Could not store the record of token {TokenId} of {Subject}; the token was not issued.")]
    public static partial void RecordFailed(ILogger logger, Exception exception, string tokenId, string subject);
}
