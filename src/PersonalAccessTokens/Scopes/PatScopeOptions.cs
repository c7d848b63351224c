namespace PersonalAccessTokens;

/// <summary>A scope in the catalog: its name, the scopes it implies and an optional maximum lifetime.</summary>
/// <remarks>
/// In configuration, scopes are a list (<c>"Scopes": [ { "Name": "repo:read" } ]</c>) rather than a map,
/// because configuration keys cannot hold the colon that scope names often do.
/// </remarks>
public sealed class PatScopeOptions
{
    /// <summary>The scope name, an RFC 6749 §3.3 scope-token such as <c>repo:read</c>. Case-sensitive.</summary>
    public string Name { get; set; } = "";

    /// <summary>Scopes this one implies, e.g. <c>repo:write</c> implies <c>repo:read</c>. Implications are transitive.</summary>
    /// <value>Defaults to none.</value>
    public IList<string> Implies { get; set; } = [];

    /// <summary>The longest lifetime of a token that grants this scope.</summary>
    /// <value>Defaults to <see langword="null"/>: only <see cref="PersonalAccessTokenOptions.MaxLifetime"/> applies.</value>
    public TimeSpan? MaxLifetime { get; set; }

    internal bool SameAs(PatScopeOptions other) =>
        Name == other.Name && MaxLifetime == other.MaxLifetime && Implies.SequenceEqual(other.Implies);
}
