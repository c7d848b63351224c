namespace PersonalAccessTokens;

/// <summary>What a derived token carries of its ancestry into issuing: the ancestor ids for its claim and record.</summary>
/// <param name="Parent">The validated parent.</param>
internal sealed record PatDerivation(ValidatedPat Parent)
{
    /// <summary>The highest <see cref="PersonalAccessTokenOptions.MaxDerivationDepth"/> allowed, which bounds the ancestor claim.</summary>
    public const int MaxDepthLimit = 8;

    /// <summary>The new token's ancestors: its parent, then the parent's own ancestors.</summary>
    public string[] AncestorIds { get; } = [Parent.Id, .. Parent.AncestorIds];
}
