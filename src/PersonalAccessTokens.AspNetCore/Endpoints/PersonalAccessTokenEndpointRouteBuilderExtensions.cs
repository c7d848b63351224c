using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PersonalAccessTokens;
using PersonalAccessTokens.AspNetCore;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the token-management endpoints and the public key set.</summary>
public static class PersonalAccessTokenEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps, under <paramref name="prefix"/>: <c>POST</c> to mint a token for the signed-in user, <c>GET self</c> and
    /// <c>DELETE self</c> to describe and revoke the presented token, and <c>POST revoke-all</c> to revoke every
    /// token of the signed-in user. Bad requests get RFC 9457 problem details.
    /// </summary>
    /// <param name="endpoints">The route builder.</param>
    /// <param name="prefix">The route prefix, such as <c>/tokens</c>.</param>
    /// <param name="configure">Sets the endpoints' options.</param>
    /// <returns>The route group, for further conventions.</returns>
    public static RouteGroupBuilder MapPersonalAccessTokens(this IEndpointRouteBuilder endpoints, string prefix, Action<PersonalAccessTokenEndpointOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        var options = new PersonalAccessTokenEndpointOptions();
        configure?.Invoke(options);

        var group = endpoints.MapGroup(prefix);
        // The token scheme too, so a PAT reaching a user endpoint is told why it may not (403), not challenged (401).
        string[] userSchemes = options.UserAuthenticationSchemes.Count == 0
            ? []
            : [.. options.UserAuthenticationSchemes.Append(options.TokenAuthenticationScheme).Distinct(StringComparer.Ordinal)];
        // RequestDelegate handlers rather than delegates with injected parameters: the latter need reflection
        // (or the request delegate generator), which trimming and native AOT cannot guarantee.
        group.MapPost("/", Execute(CreateAsync)).RequireAuthorization(policy => RequireUser(policy, userSchemes))
            .WithMetadata(new TokenMintingEndpointMetadata([.. options.UserAuthenticationSchemes]));
        group.MapPost("/revoke-all", Execute(context => StoreCallAsync(context, () => RevokeAllAsync(context)))).RequireAuthorization(policy => RequireUser(policy, userSchemes));
        group.MapGet("/self", Execute(context => Task.FromResult(DescribeSelf(context))))
            .RequireAuthorization(policy => policy.AddAuthenticationSchemes(options.TokenAuthenticationScheme).RequireAuthenticatedUser());
        group.MapDelete("/self", Execute(RevokeSelfAsync))
            .RequireAuthorization(policy => policy.AddAuthenticationSchemes(options.TokenAuthenticationScheme).RequireAuthenticatedUser());
        group.MapPost("/self/rotate", Execute(RotateSelfAsync))
            .RequireAuthorization(policy => policy.AddAuthenticationSchemes(options.TokenAuthenticationScheme).RequireAuthenticatedUser());

        // Open to every token: a child never holds more than its parent, nor outlives it or its revocation.
        group.MapPost("/self/derive", Execute(DeriveSelfAsync))
            .RequireAuthorization(policy => policy.AddAuthenticationSchemes(options.TokenAuthenticationScheme).RequireAuthenticatedUser());

        // The user's tokens by id. Literal routes (self, revoke-all) win over {id}.
        group.MapGet("/", Execute(context => AsUserAsync(context, subject => TokenLifecycleEndpoints.ListAsync(context, subject))))
            .RequireAuthorization(policy => RequireUser(policy, userSchemes));
        group.MapGet("/{id}", Execute(context => AsUserAsync(context, subject => TokenLifecycleEndpoints.DescribeAsync(context, subject, IdOf(context)))))
            .RequireAuthorization(policy => RequireUser(policy, userSchemes));
        group.MapDelete("/{id}", Execute(context => AsUserAsync(context, subject => TokenLifecycleEndpoints.RevokeAsync(context, subject, IdOf(context)))))
            .RequireAuthorization(policy => RequireUser(policy, userSchemes));
        group.MapPost("/{id}/rotate", Execute(async context =>
            await RefusalAsync(context, options)
                ?? await StoreCallAsync(context, () => TokenLifecycleEndpoints.RotateAsync(context, SubjectOf(context.User)!, IdOf(context), prefix))))
            .RequireAuthorization(policy => RequireUser(policy, userSchemes));
        return group;

        // A PAT manages tokens only when allowed, as for minting; a store that is down answers 503, not 500.
        async Task<IResult> AsUserAsync(HttpContext context, Func<string, Task<IResult>> action)
        {
            if (!options.AllowTokensToManageTokens && context.Features.Get<IPersonalAccessTokenFeature>() is not null)
            {
                return TokenCannotManage();
            }

            if (SubjectOf(context.User) is not { } subject)
            {
                return NoSubject();
            }

            return await StoreCallAsync(context, () => action(subject));
        }

        async Task<IResult> RotateSelfAsync(HttpContext context)
        {
            if (!options.AllowSelfRotation)
            {
                return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Tokens may not rotate themselves here.");
            }

            if (context.Features.Get<IPersonalAccessTokenFeature>()?.Pat is not { } pat)
            {
                return NotAToken();
            }

            // Rotation is not minting: a token may always replace itself, within its own life.
            if (await CrossSiteRequestGuard.RefuseAsync(context) is { } refusal)
            {
                return refusal;
            }

            return await StoreCallAsync(context, () => TokenLifecycleEndpoints.RotateSelfAsync(context, pat, prefix));
        }

        async Task<IResult> DeriveSelfAsync(HttpContext context)
        {
            if (context.Features.Get<IPersonalAccessTokenFeature>()?.Pat is not { } pat)
            {
                return NotAToken();
            }

            if (await CrossSiteRequestGuard.RefuseAsync(context) is { } refusal)
            {
                return refusal;
            }

            return await StoreCallAsync(context, () => DerivedTokenEndpoints.DeriveSelfAsync(context, pat, prefix));
        }

        async Task<IResult> CreateAsync(HttpContext context)
        {
            var issuer = context.RequestServices.GetRequiredService<IPatIssuer>();
            if (await RefusalAsync(context, options) is { } refusal)
            {
                return refusal;
            }

            if (await CrossSiteRequestGuard.ReadBodyAsync(context) is not { } json)
            {
                return CrossSiteRequestGuard.TooLarge();
            }

            if (!TokenRequestBody.TryRead(json, TokenJsonContext.Default.CreateTokenRequest, out var body, out var problem))
            {
                return problem;
            }

            // Required here, as on GitHub and GitLab: a list of unnamed tokens tells its owner nothing.
            if (string.IsNullOrWhiteSpace(body.Name))
            {
                return TokenRequestBody.Invalid("name is required: say where the token will be used, such as \"laptop\" or \"ci\".");
            }

            if (body.ExpiresInDays is <= 0 or > 36_600)
            {
                return TokenRequestBody.Invalid("expiresInDays must be a positive number of days.");
            }

            // A token minting a token gets a derived one: no stronger, no longer-lived, and dead with its parent.
            if (context.Features.Get<IPersonalAccessTokenFeature>()?.Pat is { } parent)
            {
                return await DerivedTokenEndpoints.MintedByTokenAsync(context, parent, body, prefix);
            }

            var request = new PatIssueRequest
            {
                Subject = SubjectOf(context.User)!,
                Name = body.Name,
                Scopes = body.Scopes ?? [],
                Lifetime = body.ExpiresInDays is { } days ? TimeSpan.FromDays(days) : null,
            };

            var result = await issuer.IssueAsync(request, context.RequestAborted);
            if (!result.Succeeded)
            {
                return NotIssued(context, request.Subject, result.Error);
            }

            return TokenLifecycleEndpoints.Created(context, result.Pat, prefix);
        }

        async Task<IResult> RevokeAllAsync(HttpContext context)
        {
            var revocations = context.RequestServices.GetRequiredService<IPatRevocationStore>();
            var time = context.RequestServices.GetRequiredService<TimeProvider>();
            if (await RefusalAsync(context, options) is { } refusal)
            {
                return refusal;
            }

            var subject = SubjectOf(context.User)!;
            var now = time.GetUtcNow();
            await revocations.RevokeAllAsync(subject, now, context.RequestAborted);
            await context.RequestServices.GetRequiredService<IPatRecordStore>().RevokeAllAsync(subject, now, PatRevocationReason.RevokedAll, context.RequestAborted);
            Logger(context).AllTokensRevoked(subject);
            return Results.NoContent();
        }
    }

    /// <summary>
    /// Maps the ring's public keys as a JSON Web Key Set (RFC 7517), retiring keys and keys not yet active
    /// included, so services that validate without this package follow key rotation. Symmetric keys are never served.
    /// </summary>
    /// <param name="endpoints">The route builder.</param>
    /// <param name="pattern">The route, such as <c>/.well-known/pat-keys.json</c>.</param>
    /// <returns>The endpoint, for further conventions.</returns>
    public static IEndpointConventionBuilder MapPersonalAccessTokenKeys(this IEndpointRouteBuilder endpoints, string pattern)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrEmpty(pattern);
        return endpoints.MapGet(pattern, context =>
        {
            // Short-lived, so validators see a new key soon after it is published.
            context.Response.Headers.CacheControl = "public, max-age=300";
            var keys = context.RequestServices.GetRequiredService<IPatJsonWebKeySetProvider>();
            return Results.Bytes(keys.GetJsonWebKeySet().ToUtf8Json(), "application/jwk-set+json").ExecuteAsync(context);
        }).AllowAnonymous();
    }

    private static RequestDelegate Execute(Func<HttpContext, Task<IResult>> handler) =>
        async context => await (await handler(context)).ExecuteAsync(context);

    private static ILogger Logger(HttpContext context) =>
        context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(PersonalAccessTokenEndpointRouteBuilderExtensions));

    private static IResult DescribeSelf(HttpContext context) =>
        context.Features.Get<IPersonalAccessTokenFeature>()?.Pat is { } pat
            ? TypedResults.Json(new TokenResponse(pat.Id, pat.Subject, pat.Name, pat.Scopes, pat.IssuedAt, pat.ExpiresAt), TokenJsonContext.Default.TokenResponse)
            : NotAToken();

    private static async Task<IResult> RevokeSelfAsync(HttpContext context)
    {
        var revocations = context.RequestServices.GetRequiredService<IPatRevocationStore>();
        if (context.Features.Get<IPersonalAccessTokenFeature>()?.Pat is not { } pat)
        {
            return NotAToken();
        }

        // Through the manager, so the record says so too; a token with no record here is still revoked.
        if (!await context.RequestServices.GetRequiredService<IPatManager>().RevokeAsync(pat.Subject, pat.Id, context.RequestAborted))
        {
            await revocations.RevokeAsync(pat, context.RequestAborted);
        }

        Logger(context).TokenRevokedBySelf(pat.Id, pat.Subject);
        return Results.NoContent();
    }

    private static void RequireUser(AuthorizationPolicyBuilder policy, string[] schemes)
    {
        if (schemes.Length > 0)
        {
            policy.AddAuthenticationSchemes(schemes);
        }

        policy.RequireAuthenticatedUser();
    }

    private static async Task<IResult?> RefusalAsync(HttpContext context, PersonalAccessTokenEndpointOptions options)
    {
        if (!options.AllowTokensToManageTokens && context.Features.Get<IPersonalAccessTokenFeature>() is not null)
        {
            return TokenCannotManage();
        }

        if (await CrossSiteRequestGuard.RefuseAsync(context) is { } crossSite)
        {
            return crossSite;
        }

        return SubjectOf(context.User) is null ? NoSubject() : null;
    }

    private static IResult TokenCannotManage() => Results.Problem(
        statusCode: StatusCodes.Status403Forbidden,
        title: "A personal access token cannot manage tokens.",
        detail: "Sign in as the user to mint, list, rotate or revoke tokens. To let a token mint narrower tokens and "
            + "revoke all of its user's tokens, set AllowTokensToManageTokens in MapPersonalAccessTokens.");

    private static IResult NoSubject() =>
        Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "The signed-in user has no identifier.", detail: "Expected a NameIdentifier, 'sub' or name claim.");

    private static string IdOf(HttpContext context) => (string?)context.Request.RouteValues["id"] ?? "";

    /// <summary>A record store that is down answers 503 with problem details; the caller can try again.</summary>
    private static async Task<IResult> StoreCallAsync(HttpContext context, Func<Task<IResult>> call)
    {
        try
        {
            return await call();
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !context.RequestAborted.IsCancellationRequested)
        {
            Logger(context).StoreUnavailable(ex);
            return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "The token store is unavailable.", detail: "Try again shortly.");
        }
    }

    private static IResult NotIssued(HttpContext context, string subject, PatIssueError error)
    {
        Logger(context).IssueRefused(subject, error.Code);
        return Results.Problem(
            statusCode: error.Code == PatIssueErrorCode.StoreUnavailable ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status400BadRequest,
            title: "The token was not issued.",
            detail: error.Message,
            extensions: new Dictionary<string, object?> { ["code"] = error.Code.ToString() });
    }

    private static string? SubjectOf(ClaimsPrincipal user) =>
        user.FindFirst(ClaimTypes.NameIdentifier)?.Value ?? user.FindFirst(PatClaimNames.Subject)?.Value ?? user.Identity?.Name;

    private static IResult NotAToken() =>
        Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The request was not authenticated by a personal access token.");
}
