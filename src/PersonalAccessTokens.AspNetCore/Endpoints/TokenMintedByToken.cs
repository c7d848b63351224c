using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace PersonalAccessTokens.AspNetCore;

/// <summary>
/// With <see cref="PersonalAccessTokenEndpointOptions.AllowTokensToManageTokens"/> on, a token may mint a token, but
/// never a stronger one: otherwise a one-hour <c>repo:read</c> token could mint a year of <c>admin:org</c>.
/// </summary>
internal static class TokenMintedByToken
{
    /// <summary>
    /// The request held to what <paramref name="parent"/> grants (implications included) and to its remaining life;
    /// a request naming no lifetime gets the default, shortened to fit. False, with the reason, if it asks for more.
    /// </summary>
    public static bool TryNarrow(HttpContext context, ValidatedPat parent, PatIssueRequest request, out PatIssueRequest narrowed, out PatIssueError? error)
    {
        narrowed = request;
        error = null;
        foreach (var scope in request.Scopes)
        {
            // A null or malformed scope is left for the issuer, which refuses it with its own code.
            if (scope is not null && !parent.HasScope(scope))
            {
                error = new PatIssueError(PatIssueErrorCode.PolicyDenied, $"The presenting token does not grant '{scope}', so it cannot mint a token that does.");
                return false;
            }
        }

        var services = context.RequestServices;
        var remaining = parent.ExpiresAt - services.GetRequiredService<TimeProvider>().GetUtcNow();
        if (request.Lifetime is { } asked)
        {
            if (asked <= remaining)
            {
                return true;
            }

            error = new PatIssueError(PatIssueErrorCode.LifetimeTooLong, $"The presenting token expires at {parent.ExpiresAt:O}; a token it mints cannot outlive it.");
            return false;
        }

        var options = services.GetRequiredService<IOptions<PersonalAccessTokenOptions>>().Value;
        var lifetime = options.DefaultLifetime < remaining ? options.DefaultLifetime : remaining;
        if (services.GetRequiredService<IPatScopePolicy>().GetMaxLifetime(request.Scopes) is { } cap && cap < lifetime)
        {
            lifetime = cap;
        }

        narrowed = new PatIssueRequest { Subject = request.Subject, Name = request.Name, Scopes = request.Scopes, Lifetime = lifetime };
        return true;
    }
}
