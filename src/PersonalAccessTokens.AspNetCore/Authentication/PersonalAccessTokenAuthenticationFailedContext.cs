using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;

namespace PersonalAccessTokens.AspNetCore;

/// <summary>Context of <see cref="PersonalAccessTokenEvents.OnAuthenticationFailed"/>.</summary>
/// <param name="context">The request.</param>
/// <param name="scheme">The authentication scheme.</param>
/// <param name="options">The scheme's options.</param>
/// <param name="validation">The failed validation; its message never holds the token.</param>
public sealed class PersonalAccessTokenAuthenticationFailedContext(HttpContext context, AuthenticationScheme scheme, PersonalAccessTokenAuthenticationOptions options, PatValidationResult validation)
    : ResultContext<PersonalAccessTokenAuthenticationOptions>(context, scheme, options)
{
    /// <summary>The failed validation.</summary>
    public PatValidationResult Validation { get; } = validation;
}
