namespace PersonalAccessTokens;

/// <summary>
/// A token id made ready for revocation lookups once, when its token verified: a derived token's ancestors are
/// checked on every validation, and parsing each id every time would cost as much as the lookup itself.
/// </summary>
internal readonly struct RevocationLookup
{
    public RevocationLookup(string id)
    {
        Id = id;
        IsOurFormat = TokenKey.TryParse(id, out var key);
        Key = key;
    }

    public string Id { get; }

    /// <summary>Whether <see cref="Id"/> is one of our 22-character ids, so <see cref="Key"/> holds it.</summary>
    public bool IsOurFormat { get; }

    public TokenKey Key { get; }
}
