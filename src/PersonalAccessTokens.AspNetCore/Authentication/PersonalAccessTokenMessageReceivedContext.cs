using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;

namespace PersonalAccessTokens.AspNetCore;

/// <summary>Context of <see cref="PersonalAccessTokenEvents.OnMessageReceived"/>.</summary>
/// <param name="context">The request.</param>
/// <param name="scheme">The authentication scheme.</param>
/// <param name="options">The scheme's options.</param>
public sealed class PersonalAccessTokenMessageReceivedContext(HttpContext context, AuthenticationScheme scheme, PersonalAccessTokenAuthenticationOptions options)
    : ResultContext<PersonalAccessTokenAuthenticationOptions>(context, scheme, options)
{
    /// <summary>The token to validate. Set it to read the token from a place the handler does not look.</summary>
    public string? Token { get; set; }
}
