using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace PersonalAccessTokens.AspNetCore;

/// <summary>
/// Stops another site from making a signed-in browser mint or revoke tokens (CSRF). Minting and revoke-all act on the
/// user's ambient credentials (a cookie), which a browser attaches to a form post from any page.
/// </summary>
internal static class CrossSiteRequestGuard
{
    /// <summary>The token endpoints' bodies are a few hundred bytes; a larger one is refused before it is parsed.</summary>
    public const int MaxBodyBytes = 16 * 1024;

    /// <summary>Why a POST to a token endpoint is refused, or <see langword="null"/> to let it through.</summary>
    public static async Task<IResult?> RefuseAsync(HttpContext context)
    {
        // An HTML form can send only urlencoded, multipart or text/plain bodies; application/json needs script, which
        // a browser lets cross origins only after a CORS preflight the app must allow.
        if (!context.Request.HasJsonContentType())
        {
            return Results.Problem(
                statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "The request must have Content-Type: application/json.",
                detail: "Send a JSON body, {} if there is nothing to say.");
        }

        if (context.Request.ContentLength > MaxBodyBytes)
        {
            return TooLarge();
        }

        // A bearer token is never attached by a browser on its own: only requests signed in otherwise (a cookie) can be forged.
        if (context.Features.Get<IPersonalAccessTokenFeature>() is not null)
        {
            return null;
        }

        // Fetch metadata (W3C): the browser says where the request came from; only the app's own pages, or the user
        // typing it, may act. Non-browser clients send neither header.
        var site = context.Request.Headers["Sec-Fetch-Site"].ToString();
        if (site.Length > 0 && site is not ("same-origin" or "none"))
        {
            return CrossSite($"Sec-Fetch-Site is '{site}'.");
        }

        var origin = context.Request.Headers.Origin.ToString();
        if (origin.Length > 0 && !string.Equals(origin, $"{context.Request.Scheme}://{context.Request.Host}", StringComparison.OrdinalIgnoreCase))
        {
            return CrossSite("The Origin is not this host.");
        }

        // Where the app uses antiforgery tokens, the token endpoints require them of requests that carry cookies, the
        // credentials a browser attaches on its own; a client that signs in some other way has none to send.
        if (context.Request.Headers.Cookie.Count > 0
            && context.RequestServices.GetService<IAntiforgery>() is { } antiforgery
            && !await antiforgery.IsRequestValidAsync(context))
        {
            return CrossSite("The antiforgery token is missing or invalid.");
        }

        return null;
    }

    /// <summary>Reads the body up to <see cref="MaxBodyBytes"/>; <see langword="null"/> if it is longer, whatever Content-Length said.</summary>
    public static async Task<byte[]?> ReadBodyAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[4096];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    public static IResult TooLarge() =>
        Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: $"The request body is over {MaxBodyBytes / 1024} KiB.");

    private static IResult CrossSite(string detail) =>
        Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Cross-site requests may not manage tokens.", detail: detail);
}
