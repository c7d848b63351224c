using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace PersonalAccessTokens.AspNetCore;

/// <summary>
/// A token derives a weaker child: <c>POST self/derive</c> for any token, and <c>POST /</c> for a token when
/// <see cref="PersonalAccessTokenEndpointOptions.AllowTokensToManageTokens"/> is on. Either way the child is bounded by
/// its parent and dies with it: a token never mints an ordinary token, which would outlive its revocation.
/// </summary>
internal static class DerivedTokenEndpoints
{
    /// <summary>The longest <c>expiresInMinutes</c> read: a year, beyond any parent's life; the issuer bounds it further.</summary>
    private const int MaxMinutes = 366 * 24 * 60;

    public static async Task<IResult> DeriveSelfAsync(HttpContext context, ValidatedPat parent, string prefix)
    {
        if (await CrossSiteRequestGuard.ReadBodyAsync(context) is not { } json)
        {
            return CrossSiteRequestGuard.TooLarge();
        }

        if (!TokenRequestBody.TryRead(json, TokenJsonContext.Default.DeriveTokenRequest, out var body, out var problem))
        {
            return problem;
        }

        if (body.ExpiresInMinutes is <= 0 or > MaxMinutes)
        {
            return TokenRequestBody.Invalid("expiresInMinutes must be a positive number of minutes.");
        }

        var request = new PatDeriveRequest
        {
            Scopes = body.Scopes ?? [],
            Name = body.Name,
            Lifetime = body.ExpiresInMinutes is { } minutes ? TimeSpan.FromMinutes(minutes) : null,
        };
        return await DeriveAsync(context, parent, request, prefix);
    }

    /// <summary><c>POST /</c> called with a token: the same request, answered with a derived token.</summary>
    public static Task<IResult> MintedByTokenAsync(HttpContext context, ValidatedPat parent, CreateTokenRequest body, string prefix) =>
        DeriveAsync(context, parent, new PatDeriveRequest
        {
            Scopes = body.Scopes ?? [],
            Name = body.Name,
            Lifetime = body.ExpiresInDays is { } days ? TimeSpan.FromDays(days) : null,
        }, prefix);

    private static async Task<IResult> DeriveAsync(HttpContext context, ValidatedPat parent, PatDeriveRequest request, string prefix)
    {
        var issuer = context.RequestServices.GetRequiredService<IPatIssuer>();
        var result = await issuer.DeriveAsync(parent, request, context.RequestAborted);
        return result.Succeeded
            ? TokenLifecycleEndpoints.Created(context, result.Pat, prefix)
            : Results.Problem(
                statusCode: result.Error.Code == PatIssueErrorCode.StoreUnavailable ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status400BadRequest,
                title: "The token was not derived.",
                detail: result.Error.Message,
                extensions: new Dictionary<string, object?> { ["code"] = result.Error.Code.ToString() });
    }
}
