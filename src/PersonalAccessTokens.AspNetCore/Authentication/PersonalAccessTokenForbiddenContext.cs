using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;

namespace PersonalAccessTokens.AspNetCore;

/// <summary>Context of <see cref="PersonalAccessTokenEvents.OnForbidden"/>.</summary>
/// <param name="context">The request.</param>
/// <param name="scheme">The authentication scheme.</param>
/// <param name="options">The scheme's options.</param>
public sealed class PersonalAccessTokenForbiddenContext(HttpContext context, AuthenticationScheme scheme, PersonalAccessTokenAuthenticationOptions options)
    : ResultContext<PersonalAccessTokenAuthenticationOptions>(context, scheme, options)
{
    /// <summary>The scopes the request lacked, when a scope requirement failed.</summary>
    public IReadOnlyList<string> MissingScopes { get; init; } = [];
}
