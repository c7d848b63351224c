namespace PersonalAccessTokens.AspNetCore;

/// <summary>
/// Hooks into each step of personal access token authentication, as <c>JwtBearerEvents</c> does for JWTs.
/// Each delegate defaults to doing nothing.
/// </summary>
public class PersonalAccessTokenEvents
{
    // One shared delegate does nothing for every event, so the handler can tell an event nobody set and skip
    // making its context on every request.
    private static readonly Func<object, Task> Nothing = static _ => Task.CompletedTask;

    /// <summary>Raised first. Set <see cref="PersonalAccessTokenMessageReceivedContext.Token"/> to take the token from elsewhere.</summary>
    public Func<PersonalAccessTokenMessageReceivedContext, Task> OnMessageReceived { get; set; } = Nothing;

    /// <summary>Raised after the token validated; the principal may be changed, or the request failed.</summary>
    public Func<PersonalAccessTokenValidatedContext, Task> OnTokenValidated { get; set; } = Nothing;

    /// <summary>Raised when a token was presented and failed validation.</summary>
    public Func<PersonalAccessTokenAuthenticationFailedContext, Task> OnAuthenticationFailed { get; set; } = Nothing;

    /// <summary>Raised before the 401 challenge is written; call <c>HandleResponse()</c> to write your own.</summary>
    public Func<PersonalAccessTokenChallengeContext, Task> OnChallenge { get; set; } = Nothing;

    /// <summary>Raised before the 403 response is written.</summary>
    public Func<PersonalAccessTokenForbiddenContext, Task> OnForbidden { get; set; } = Nothing;

    /// <summary>Invokes <see cref="OnMessageReceived"/>.</summary>
    /// <param name="context">The event context.</param>
    public virtual Task MessageReceived(PersonalAccessTokenMessageReceivedContext context) => OnMessageReceived(context);

    /// <summary>Invokes <see cref="OnTokenValidated"/>.</summary>
    /// <param name="context">The event context.</param>
    public virtual Task TokenValidated(PersonalAccessTokenValidatedContext context) => OnTokenValidated(context);

    /// <summary>Invokes <see cref="OnAuthenticationFailed"/>.</summary>
    /// <param name="context">The event context.</param>
    public virtual Task AuthenticationFailed(PersonalAccessTokenAuthenticationFailedContext context) => OnAuthenticationFailed(context);

    /// <summary>Invokes <see cref="OnChallenge"/>.</summary>
    /// <param name="context">The event context.</param>
    public virtual Task Challenge(PersonalAccessTokenChallengeContext context) => OnChallenge(context);

    /// <summary>Invokes <see cref="OnForbidden"/>.</summary>
    /// <param name="context">The event context.</param>
    public virtual Task Forbidden(PersonalAccessTokenForbiddenContext context) => OnForbidden(context);

    /// <summary>Whether <see cref="MessageReceived"/> can do anything: a derived class or a delegate set.</summary>
    internal bool RaisesMessageReceived => GetType() != typeof(PersonalAccessTokenEvents) || (object)OnMessageReceived != Nothing;

    /// <summary>Whether <see cref="TokenValidated"/> can do anything: a derived class or a delegate set.</summary>
    internal bool RaisesTokenValidated => GetType() != typeof(PersonalAccessTokenEvents) || (object)OnTokenValidated != Nothing;
}
