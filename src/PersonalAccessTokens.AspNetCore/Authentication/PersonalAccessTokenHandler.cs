using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PersonalAccessTokens.AspNetCore;

/// <summary>
/// Authenticates requests by personal access token: finds the token, validates it through <see cref="IPatValidator"/>
/// (cache, revocation and every strict rule), and answers failures with RFC 6750 challenges.
/// </summary>
internal sealed class PersonalAccessTokenHandler(
    IOptionsMonitor<PersonalAccessTokenAuthenticationOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IPatValidator validator,
    IPatUsageRecorder usage,
    IOptions<PersonalAccessTokenOptions> tokenOptions)
    : AuthenticationHandler<PersonalAccessTokenAuthenticationOptions>(options, logger, encoder)
{
    /// <summary>Items key under which the scope handler leaves the scopes a request lacked, for the 403 header.</summary>
    internal const string MissingScopesItem = "PersonalAccessTokens.MissingScopes";

    private PatValidationResult? _failure;

    private new PersonalAccessTokenEvents Events => (PersonalAccessTokenEvents)base.Events!;

    protected override Task<object> CreateEventsAsync() => Task.FromResult<object>(new PersonalAccessTokenEvents());

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var received = new PersonalAccessTokenMessageReceivedContext(Context, Scheme, Options);
        await Events.MessageReceived(received);
        if (received.Result is not null)
        {
            return received.Result;
        }

        var token = received.Token ?? FindToken();
        if (string.IsNullOrEmpty(token))
        {
            MisplacedToken.Explain(Context, Options, tokenOptions.Value.TokenPrefix, Logger);
            return AuthenticateResult.NoResult();
        }

        var validation = await validator.ValidateAsync(token, Context.RequestAborted);
        if (!validation.IsValid)
        {
            if (validation.RejectedPat is { } rejected)
            {
                Logger.SignedTokenRejected(validation.Failure, rejected.Id, rejected.Subject);
            }
            else
            {
                Logger.TokenRejected(validation.Failure);
            }

            _failure = validation;
            var failed = new PersonalAccessTokenAuthenticationFailedContext(Context, Scheme, Options, validation);
            await Events.AuthenticationFailed(failed);
            return failed.Result ?? AuthenticateResult.Fail(validation.Message);
        }

        var pat = validation.Pat;
        var validated = new PersonalAccessTokenValidatedContext(Context, Scheme, Options, pat) { Principal = pat.ToClaimsPrincipal(Scheme.Name) };
        await Events.TokenValidated(validated);
        if (validated.Result is not null)
        {
            return validated.Result;
        }

        Context.Features.Set<IPersonalAccessTokenFeature>(new PersonalAccessTokenFeature(pat));

        // Where from, beside the when that validation recorded: memory only, formatted once per new address.
        usage.RecordClientAddress(pat, Context.Connection.RemoteIpAddress);
        if (!string.IsNullOrEmpty(Options.ExpirationHeaderName))
        {
            // RFC 3339 in UTC, so scripts can warn before the token lapses.
            Response.Headers[Options.ExpirationHeaderName] = pat.ExpiresAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        }

        Logger.TokenAuthenticated(pat.Id, pat.Subject);
        validated.Success();
        return validated.Result!;
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        // A request without a token gets no error code (RFC 6750 §3.1): it did not try and fail.
        var challenge = new PersonalAccessTokenChallengeContext(Context, Scheme, Options, properties)
        {
            Validation = _failure,
            Error = _failure is null ? null : BearerChallenge.InvalidToken,
            ErrorDescription = _failure?.Message,
        };
        await Events.Challenge(challenge);
        if (challenge.Handled)
        {
            return;
        }

        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = BearerChallenge.Format(Realm, challenge.Error, challenge.ErrorDescription, scope: null);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        var missing = Context.Items.TryGetValue(MissingScopesItem, out var value) && value is IReadOnlyList<string> scopes ? scopes : [];
        var forbidden = new PersonalAccessTokenForbiddenContext(Context, Scheme, Options) { MissingScopes = missing };
        await Events.Forbidden(forbidden);
        if (forbidden.Result is not null)
        {
            return;
        }

        Response.StatusCode = StatusCodes.Status403Forbidden;
        Response.Headers.WWWAuthenticate = BearerChallenge.Format(
            Realm,
            BearerChallenge.InsufficientScope,
            missing.Count == 0 ? "The token is not allowed to do this." : "The token lacks a required scope.",
            missing.Count == 0 ? null : string.Join(' ', missing));
    }

    private string? Realm => Options.Realm ?? tokenOptions.Value.Audience;

    private string? FindToken()
    {
        string? authorization = Request.Headers.Authorization;
        if (authorization is not null && AuthenticationHeaderValue.TryParse(authorization, out var header) && header.Parameter is { } parameter)
        {
            if (string.Equals(header.Scheme, "Bearer", StringComparison.OrdinalIgnoreCase)
                || (Options.AcceptTokenScheme && string.Equals(header.Scheme, "token", StringComparison.OrdinalIgnoreCase)))
            {
                return parameter;
            }

            // git and Docker send a PAT as the Basic password; the user name means nothing.
            if (Options.AllowBasicAuthentication && string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase))
            {
                return BasicPassword(parameter);
            }
        }

        return Options.TokenHeaderName is { Length: > 0 } name && Request.Headers.TryGetValue(name, out var custom) ? custom.ToString() : null;
    }

    internal static string? BasicPassword(string parameter)
    {
        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(parameter));
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            return colon < 0 ? null : decoded[(colon + 1)..];
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
