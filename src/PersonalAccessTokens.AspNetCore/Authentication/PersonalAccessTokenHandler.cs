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

    private static readonly string[] NoScopes = [];

    private PatValidationResult? _failure;

    private new PersonalAccessTokenEvents Events => (PersonalAccessTokenEvents)base.Events!;

    protected override Task<object> CreateEventsAsync() => Task.FromResult<object>(new PersonalAccessTokenEvents());

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        // Events nobody set are skipped, with the context each would need: this runs on every request.
        var token = default(ReadOnlyMemory<char>);
        if (Events.RaisesMessageReceived)
        {
            var received = new PersonalAccessTokenMessageReceivedContext(Context, Scheme, Options);
            await Events.MessageReceived(received);
            if (received.Result is not null)
            {
                return received.Result;
            }

            token = received.Token.AsMemory();
        }

        if (token.IsEmpty)
        {
            token = FindToken();
        }

        if (token.IsEmpty)
        {
            MisplacedToken.Explain(Context, Options, tokenOptions.Value.TokenPrefix, Logger);
            return AuthenticateResult.NoResult();
        }

        var validation = await validator.ValidateAsync(token, NoScopes, Context.RequestAborted);
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

        // A new principal for every request, so a claims transformation can't carry one request's changes into the next.
        var pat = validation.Pat;
        var principal = pat.ToClaimsPrincipal(Scheme.Name);
        PersonalAccessTokenValidatedContext? validated = null;
        if (Events.RaisesTokenValidated)
        {
            validated = new PersonalAccessTokenValidatedContext(Context, Scheme, Options, pat) { Principal = principal };
            await Events.TokenValidated(validated);
            if (validated.Result is not null)
            {
                return validated.Result;
            }
        }

        var shared = AuthenticatedTokenValues.Of(pat);
        Context.Features.Set(shared.Feature);

        // Where from, beside the when that validation recorded: memory only, formatted once per new address.
        usage.RecordClientAddress(pat, Context.Connection.RemoteIpAddress);
        if (!string.IsNullOrEmpty(Options.ExpirationHeaderName))
        {
            Response.Headers[Options.ExpirationHeaderName] = shared.ExpirationHeader;
        }

        Logger.TokenAuthenticated(pat.Id, pat.Subject);
        if (validated is null)
        {
            return AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));
        }

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

    private ReadOnlyMemory<char> FindToken()
    {
        string? authorization = Request.Headers.Authorization;
        if (AuthorizationHeader.TrySplit(authorization, out var scheme, out var credentials))
        {
            if (scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase)
                || (Options.AcceptTokenScheme && scheme.Equals("token", StringComparison.OrdinalIgnoreCase)))
            {
                return credentials;
            }

            // git and Docker send a PAT as the Basic password; the user name means nothing.
            if (Options.AllowBasicAuthentication && scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase))
            {
                return BasicPassword(credentials.ToString()).AsMemory();
            }
        }

        return Options.TokenHeaderName is { Length: > 0 } name && Request.Headers.TryGetValue(name, out var custom)
            ? custom.ToString().AsMemory()
            : default;
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
