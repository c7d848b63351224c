using Microsoft.Extensions.Logging;

namespace PersonalAccessTokens.AspNetCore;

/// <summary>Authentication log messages. They name the token by id, never by its text.</summary>
internal static partial class LoggingExtensions
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Debug, Message = "Authenticated personal access token {TokenId} of {Subject}.")]
    public static partial void TokenAuthenticated(this ILogger logger, string tokenId, string subject);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "PAT authentication failed: {Failure}.")]
    public static partial void TokenRejected(this ILogger logger, PatValidationFailure failure);

    [LoggerMessage(EventId = 3007, Level = LogLevel.Information, Message = "PAT authentication failed for token {TokenId} of {Subject}: {Failure}.")]
    public static partial void SignedTokenRejected(this ILogger logger, PatValidationFailure failure, string tokenId, string subject);

    [LoggerMessage(EventId = 3008, Level = LogLevel.Warning, Message = "{Endpoint} mints tokens for a signed-in user, but {Reason}: every request to it will be challenged (401). Add your login scheme (cookies, OpenID Connect, ...) to UserAuthenticationSchemes in MapPersonalAccessTokens, or, in development, mint a first token with IPatIssuer.")]
    public static partial void NoUserSignIn(this ILogger logger, string endpoint, string reason);

    [LoggerMessage(EventId = 3009, Level = LogLevel.Information, Message = "A request carried what looks like a personal access token in {Place}, which this scheme does not read, so it was treated as carrying no token. {Fix}")]
    public static partial void TokenIgnored(this ILogger logger, string place, string fix);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Information, Message = "Refused to issue a PAT to {Subject}: {Code}.")]
    public static partial void IssueRefused(this ILogger logger, string subject, PatIssueErrorCode code);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Information, Message = "Personal access token {TokenId} of {Subject} was revoked by its holder.")]
    public static partial void TokenRevokedBySelf(this ILogger logger, string tokenId, string subject);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Information, Message = "Every PAT of {Subject} was revoked.")]
    public static partial void AllTokensRevoked(this ILogger logger, string subject);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Error, Message = "The token store failed; the request was answered 503.")]
    public static partial void StoreUnavailable(this ILogger logger, Exception exception);
}
