using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace PersonalAccessTokens.AspNetCore;

/// <summary>
/// The signed-in user's tokens by id: list, describe, revoke, rotate; and a token rotating itself. Handlers take the
/// owner from the user, so another user's id answers 404, exactly as an unknown one.
/// </summary>
internal static class TokenLifecycleEndpoints
{
    public static async Task<IResult> ListAsync(HttpContext context, string subject)
    {
        var manager = context.RequestServices.GetRequiredService<IPatManager>();
        var now = context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        var records = await manager.ListAsync(subject, context.RequestAborted);
        return TypedResults.Json(records.Select(r => TokenRecordResponse.From(r, now)).ToArray(), TokenJsonContext.Default.TokenRecordResponseArray);
    }

    public static async Task<IResult> DescribeAsync(HttpContext context, string subject, string id)
    {
        var manager = context.RequestServices.GetRequiredService<IPatManager>();
        var now = context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        return await manager.FindAsync(subject, id, context.RequestAborted) is { } record
            ? TypedResults.Json(TokenRecordResponse.From(record, now), TokenJsonContext.Default.TokenRecordResponse)
            : NotFound();
    }

    public static async Task<IResult> RevokeAsync(HttpContext context, string subject, string id)
    {
        var manager = context.RequestServices.GetRequiredService<IPatManager>();
        return await manager.RevokeAsync(subject, id, context.RequestAborted) ? Results.NoContent() : NotFound();
    }

    public static async Task<IResult> RotateAsync(HttpContext context, string subject, string id, string prefix)
    {
        if (await CrossSiteRequestGuard.ReadBodyAsync(context) is not { } json)
        {
            return CrossSiteRequestGuard.TooLarge();
        }

        var body = new RotateTokenRequest(null);
        if (json.Length > 0 && !TokenRequestBody.TryRead(json, TokenJsonContext.Default.RotateTokenRequest, out body, out var problem))
        {
            return problem;
        }

        if (body.ExpiresInDays is <= 0 or > 36_600)
        {
            return TokenRequestBody.Invalid("expiresInDays must be a positive number of days.");
        }

        var manager = context.RequestServices.GetRequiredService<IPatManager>();
        var lifetime = body.ExpiresInDays is { } days ? TimeSpan.FromDays(days) : (TimeSpan?)null;
        return Rotated(context, await manager.RotateAsync(subject, id, lifetime, context.RequestAborted), prefix);
    }

    public static async Task<IResult> RotateSelfAsync(HttpContext context, ValidatedPat pat, string prefix)
    {
        var manager = context.RequestServices.GetRequiredService<IPatManager>();
        return Rotated(context, await manager.RotateSelfAsync(pat, context.RequestAborted), prefix);
    }

    private static IResult Rotated(HttpContext context, PatIssueResult result, string prefix)
    {
        if (result.Succeeded)
        {
            return Created(context, result.Pat, prefix);
        }

        return result.Error.Code == PatIssueErrorCode.TokenNotFound
            ? NotFound()
            : Results.Problem(
                statusCode: result.Error.Code == PatIssueErrorCode.StoreUnavailable ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status400BadRequest,
                title: "The token was not rotated.",
                detail: result.Error.Message,
                extensions: new Dictionary<string, object?> { ["code"] = result.Error.Code.ToString() });
    }

    /// <summary>A new token, minted or rotated: 201, its text in this response and nowhere else, never cached.</summary>
    public static IResult Created(HttpContext context, IssuedPat pat, string prefix)
    {
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers.Location = $"{prefix.TrimEnd('/')}/{pat.Id}";
        return TypedResults.Json(
            new TokenResponse(pat.Id, pat.Subject, pat.Name, pat.Scopes, pat.IssuedAt, pat.ExpiresAt, pat.Token),
            TokenJsonContext.Default.TokenResponse,
            statusCode: StatusCodes.Status201Created);
    }

    private static IResult NotFound() =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such token.");
}
