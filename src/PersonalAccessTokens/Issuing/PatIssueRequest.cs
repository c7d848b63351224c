namespace PersonalAccessTokens;

/// <summary>A request to issue a personal access token.</summary>
public sealed class PatIssueRequest
{
    /// <summary>The user the token belongs to; it becomes the <c>sub</c> claim.</summary>
    public required string Subject { get; init; }

    /// <summary>An optional human-readable name for the token, such as <c>"CI deploy"</c>.</summary>
    public string? Name { get; init; }

    /// <summary>The scopes to grant. Each must be registered with the scope policy.</summary>
    /// <value>Defaults to no scopes.</value>
    public IReadOnlyCollection<string> Scopes { get; init; } = [];

    /// <summary>How long the token lives.</summary>
    /// <value>
    /// Defaults to <see langword="null"/>, which means <see cref="PersonalAccessTokenOptions.DefaultLifetime"/>,
    /// shortened to the longest lifetime the requested scopes allow.
    /// </value>
    public TimeSpan? Lifetime { get; init; }
}
