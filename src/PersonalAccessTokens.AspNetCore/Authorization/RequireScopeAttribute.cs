using Microsoft.AspNetCore.Authorization;

namespace PersonalAccessTokens.AspNetCore;

/// <summary>
/// Requires the caller's token to grant every one of the scopes, directly or by implication. For controllers,
/// actions and minimal API handlers: <c>[RequireScope("repo:read")]</c>.
/// </summary>
/// <param name="scopes">The scopes required; at least one.</param>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = true, Inherited = true)]
public sealed class RequireScopeAttribute(params string[] scopes) : AuthorizeAttribute, IAuthorizationRequirementData
{
    private readonly PatScopeRequirement _requirement = new(scopes);

    /// <summary>The scopes required.</summary>
    public IReadOnlyList<string> Scopes => _requirement.Scopes;

    /// <summary>The requirement this attribute adds to the endpoint's policy.</summary>
    public IEnumerable<IAuthorizationRequirement> GetRequirements() => [_requirement];
}
