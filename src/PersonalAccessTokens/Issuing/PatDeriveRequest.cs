namespace PersonalAccessTokens;

/// <summary>
/// A request to derive a token from one just validated: for the same user, with no scope its parent lacks, ending no
/// later than the parent, and revoked whenever any of its ancestors is.
/// </summary>
public sealed class PatDeriveRequest
{
    /// <summary>The scopes to grant; each must be granted by the parent, directly or by implication.</summary>
    public required IReadOnlyCollection<string> Scopes { get; init; }

    /// <summary>How long the derived token lives; never past its parent's expiry.</summary>
    /// <value>
    /// Defaults to <see langword="null"/>, which means <see cref="PersonalAccessTokenOptions.DefaultDerivedLifetime"/>
    /// (1 hour), shortened to what the parent has left.
    /// </value>
    public TimeSpan? Lifetime { get; init; }

    /// <summary>An optional name for the derived token, such as <c>"ci-job-123"</c>.</summary>
    public string? Name { get; init; }
}
