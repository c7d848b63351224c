using PersonalAccessTokens.AspNetCore;

namespace Microsoft.AspNetCore.Authorization;

/// <summary>Adds scope requirements to authorization policies.</summary>
public static class PersonalAccessTokenAuthorizationPolicyBuilderExtensions
{
    /// <summary>
    /// Requires the caller's token to grant every one of <paramref name="scopes"/>, directly or by implication, and
    /// names the <c>PersonalAccessToken</c> scheme as the policy's authentication scheme, so challenges and forbids reach
    /// it whatever the app's default scheme is.
    /// </summary>
    /// <param name="builder">The policy builder.</param>
    /// <param name="scopes">The scopes required; at least one.</param>
    /// <returns>The builder, so calls chain.</returns>
    public static AuthorizationPolicyBuilder RequireScope(this AuthorizationPolicyBuilder builder, params string[] scopes)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder
            .AddAuthenticationSchemes(PersonalAccessTokenAuthenticationDefaults.AuthenticationScheme)
            .RequireAuthenticatedUser()
            .AddRequirements(new PersonalAccessTokenScopeRequirement(scopes));
    }
}
