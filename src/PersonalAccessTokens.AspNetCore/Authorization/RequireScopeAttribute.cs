using Microsoft.AspNetCore.Authorization;

namespace PersonalAccessTokens.AspNetCore;

/// <summary>
/// Requires the caller's token to grant every one of the scopes, directly or by implication. For controllers,
/// actions and minimal API handlers: <c>[RequireScope("repo:read")]</c>.
/// </summary>
/// <remarks>
/// A scope is about personal access tokens, so the attribute names the <c>PersonalAccessToken</c> scheme as its
/// authentication scheme: the token is read, and challenges and forbids reach that scheme, whatever the app's default
/// scheme is (a cookie scheme's would redirect, or fail with no challenge scheme). For the scheme registered under
/// another name, set <see cref="AuthorizeAttribute.AuthenticationSchemes"/>.
/// </remarks>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = true, Inherited = true)]
public sealed class RequireScopeAttribute : AuthorizeAttribute, IAuthorizationRequirementData
{
    private readonly PersonalAccessTokenScopeRequirement _requirement;

    /// <summary>Creates the attribute.</summary>
    /// <param name="scopes">The scopes required; at least one.</param>
    public RequireScopeAttribute(params string[] scopes)
    {
        _requirement = new PersonalAccessTokenScopeRequirement(scopes);
        AuthenticationSchemes = PersonalAccessTokenAuthenticationDefaults.AuthenticationScheme;
    }

    /// <summary>The scopes required.</summary>
    public IReadOnlyList<string> Scopes => _requirement.Scopes;

    /// <summary>The requirement this attribute adds to the endpoint's policy.</summary>
    public IEnumerable<IAuthorizationRequirement> GetRequirements() => [_requirement];
}
