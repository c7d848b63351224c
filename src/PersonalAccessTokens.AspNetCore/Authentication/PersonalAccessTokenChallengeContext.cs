using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;

namespace PersonalAccessTokens.AspNetCore;

/// <summary>Context of <see cref="PersonalAccessTokenEvents.OnChallenge"/>.</summary>
/// <param name="context">The request.</param>
/// <param name="scheme">The authentication scheme.</param>
/// <param name="options">The scheme's options.</param>
/// <param name="properties">The challenge's properties.</param>
public sealed class PersonalAccessTokenChallengeContext(HttpContext context, AuthenticationScheme scheme, PersonalAccessTokenAuthenticationOptions options, AuthenticationProperties properties)
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
