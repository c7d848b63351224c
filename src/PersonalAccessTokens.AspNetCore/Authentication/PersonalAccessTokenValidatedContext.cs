using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;

namespace PersonalAccessTokens.AspNetCore;

/// <summary>Context of <see cref="PersonalAccessTokenEvents.OnTokenValidated"/>.</summary>
/// <param name="context">The request.</param>
/// <param name="scheme">The authentication scheme.</param>
/// <param name="options">The scheme's options.</param>
/// <param name="pat">The validated token.</param>
public sealed class PersonalAccessTokenValidatedContext(HttpContext context, AuthenticationScheme scheme, PersonalAccessTokenAuthenticationOptions options, ValidatedPat pat)
    : ResultContext<PersonalAccessTokenAuthenticationOptions>(context, scheme, options)
{
    /// <summary>The validated token.</summary>
    public ValidatedPat Pat { get; } = pat;
}
