using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace PersonalAccessTokens.AspNetCore;

/// <summary>
/// Explains, in the log, a token sent where the scheme does not read it. Without this, <c>Authorization: token …</c>,
/// a bare <c>Authorization</c> value, an unconfigured <c>PRIVATE-TOKEN</c>, <c>?access_token=</c> or Basic without
/// opting in all look exactly like a request with no token. Runs only when no token was found; logs never the token.
/// </summary>
internal static class MisplacedToken
{
    private const string GitLabHeader = "PRIVATE-TOKEN";

    public static void Explain(HttpContext context, PersonalAccessTokenAuthenticationOptions options, string? prefix, ILogger logger)
    {
        if (!logger.IsEnabled(LogLevel.Information))
        {
            return;
        }

        var request = context.Request;
        if (Find(request, options, prefix) is var (place, fix))
        {
            logger.TokenIgnored(place, fix);
        }
    }

    private static (string Place, string Fix)? Find(HttpRequest request, PersonalAccessTokenAuthenticationOptions options, string? prefix)
    {
        string? authorization = request.Headers.Authorization;
        if (!string.IsNullOrEmpty(authorization))
        {
            if (AuthorizationHeader.TrySplit(authorization, out var scheme, out var credentials))
            {
                var parameter = credentials.ToString();
                if (scheme.Equals("token", StringComparison.OrdinalIgnoreCase) && LooksLikeOurs(parameter, prefix))
                {
                    return ("'Authorization: token ...'", "Send 'Authorization: Bearer <token>', or set AcceptTokenScheme in AddPersonalAccessToken to accept this form.");
                }

                if (scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase)
                    && PersonalAccessTokenHandler.BasicPassword(parameter) is { } password && LooksLikeOurs(password, prefix))
                {
                    return ("the password of HTTP Basic authentication", "Set AllowBasicAuthentication in AddPersonalAccessToken to read it, as git and Docker send tokens.");
                }
            }
            else if (LooksLikeOurs(authorization.Trim(), prefix))
            {
                return ("the Authorization header without a scheme", "Send 'Authorization: Bearer <token>'.");
            }
        }

        if (request.Headers.TryGetValue(GitLabHeader, out var gitLab) && LooksLikeOurs(gitLab.ToString(), prefix)
            && !string.Equals(options.TokenHeaderName, GitLabHeader, StringComparison.OrdinalIgnoreCase))
        {
            return ($"the {GitLabHeader} header", $"Set TokenHeaderName = \"{GitLabHeader}\" in AddPersonalAccessToken to read it.");
        }

        // RFC 6750 §2.3 allows the query, but a token in a URL ends up in access logs and browser history.
        if (request.Query.TryGetValue("access_token", out var query) && LooksLikeOurs(query.ToString(), prefix))
        {
            return ("the access_token query parameter", "Tokens in URLs end up in logs, so it is never read; send 'Authorization: Bearer <token>'.");
        }

        return null;
    }

    /// <summary>Our prefix when one is configured, else a JWS compact shape: three segments, a JSON header.</summary>
    private static bool LooksLikeOurs(string value, string? prefix) =>
        prefix is not null
            ? value.StartsWith(prefix, StringComparison.Ordinal)
            : value.StartsWith("eyJ", StringComparison.Ordinal) && value.Count(c => c == '.') == 2;
}
