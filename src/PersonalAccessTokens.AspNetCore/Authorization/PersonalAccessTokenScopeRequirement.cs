using Microsoft.AspNetCore.Authorization;

namespace PersonalAccessTokens.AspNetCore;

/// <summary>Requires every one of <see cref="Scopes"/>, granted directly or by an implication of the scope policy.</summary>
public sealed class PersonalAccessTokenScopeRequirement : IAuthorizationRequirement
{
    /// <summary>Creates the requirement.</summary>
    /// <param name="scopes">The scopes required; at least one.</param>
    /// <exception cref="ArgumentException"><paramref name="scopes"/> is empty or holds an empty scope.</exception>
    public PersonalAccessTokenScopeRequirement(IEnumerable<string> scopes)
    {
        ArgumentNullException.ThrowIfNull(scopes);
        Scopes = [.. scopes];
        if (Scopes.Count == 0 || Scopes.Any(string.IsNullOrEmpty))
        {
            throw new ArgumentException("A scope requirement needs at least one non-empty scope.", nameof(scopes));
        }
    }

    /// <summary>The scopes required.</summary>
    public IReadOnlyList<string> Scopes { get; }

    /// <summary>Describes the requirement.</summary>
    public override string ToString() => $"PersonalAccessTokenScopeRequirement: {string.Join(' ', Scopes)}";
}
