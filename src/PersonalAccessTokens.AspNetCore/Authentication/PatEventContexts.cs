using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;

namespace PersonalAccessTokens.AspNetCore;

/// <summary>Context of <see cref="PersonalAccessTokenEvents.OnMessageReceived"/>.</summary>
/// <param name="context">The request.</param>
/// <param name="scheme">The authentication scheme.</param>
/// <param name="options">The scheme's options.</param>
public sealed class PatMessageReceivedContext(HttpContext context, AuthenticationScheme scheme, PersonalAccessTokenAuthenticationOptions options)
    : ResultContext<PersonalAccessTokenAuthenticationOptions>(context, scheme, options)
{
    /// <summary>The token to validate. Set it to read the token from a place the handler does not look.</summary>
    public string? Token { get; set; }
}

/// <summary>Context of <see cref="PersonalAccessTokenEvents.OnTokenValidated"/>.</summary>
/// <param name="context">The request.</param>
/// <param name="scheme">The authentication scheme.</param>
/// <param name="options">The scheme's options.</param>
/// <param name="pat">The validated token.</param>
public sealed class PatTokenValidatedContext(HttpContext context, AuthenticationScheme scheme, PersonalAccessTokenAuthenticationOptions options, ValidatedPat pat)
    : ResultContext<PersonalAccessTokenAuthenticationOptions>(context, scheme, options)
{
    /// <summary>The validated token.</summary>
    public ValidatedPat Pat { get; } = pat;
}

/// <summary>Context of <see cref="PersonalAccessTokenEvents.OnAuthenticationFailed"/>.</summary>
/// <param name="context">The request.</param>
/// <param name="scheme">The authentication scheme.</param>
/// <param name="options">The scheme's options.</param>
/// <param name="validation">The failed validation; its message never holds the token.</param>
public sealed class PatAuthenticationFailedContext(HttpContext context, AuthenticationScheme scheme, PersonalAccessTokenAuthenticationOptions options, PatValidationResult validation)
    : ResultContext<PersonalAccessTokenAuthenticationOptions>(context, scheme, options)
{
    /// <summary>The failed validation.</summary>
    public PatValidationResult Validation { get; } = validation;
}

/// <summary>Context of <see cref="PersonalAccessTokenEvents.OnChallenge"/>.</summary>
/// <param name="context">The request.</param>
/// <param name="scheme">The authentication scheme.</param>
/// <param name="options">The scheme's options.</param>
/// <param name="properties">The challenge's properties.</param>
public sealed class PatChallengeContext(HttpContext context, AuthenticationScheme scheme, PersonalAccessTokenAuthenticationOptions options, AuthenticationProperties properties)
    : PropertiesContext<PersonalAccessTokenAuthenticationOptions>(context, scheme, options, properties)
{
    /// <summary>The failed validation, or <see langword="null"/> when no token was presented.</summary>
    public PatValidationResult? Validation { get; init; }

    /// <summary>The RFC 6750 error code: <c>invalid_token</c>, or <see langword="null"/> when no token was presented.</summary>
    public string? Error { get; set; }

    /// <summary>The RFC 6750 error description: which rule the token broke, never the token itself.</summary>
    public string? ErrorDescription { get; set; }

    /// <summary>Whether the event wrote the response itself, so the handler writes nothing.</summary>
    public bool Handled { get; private set; }

    /// <summary>Tells the handler that the event wrote the response.</summary>
    public void HandleResponse() => Handled = true;
}

/// <summary>Context of <see cref="PersonalAccessTokenEvents.OnForbidden"/>.</summary>
/// <param name="context">The request.</param>
/// <param name="scheme">The authentication scheme.</param>
/// <param name="options">The scheme's options.</param>
public sealed class PatForbiddenContext(HttpContext context, AuthenticationScheme scheme, PersonalAccessTokenAuthenticationOptions options)
    : ResultContext<PersonalAccessTokenAuthenticationOptions>(context, scheme, options)
{
    /// <summary>The scopes the request lacked, when a scope requirement failed.</summary>
    public IReadOnlyList<string> MissingScopes { get; init; } = [];
}
