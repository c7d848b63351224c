namespace PersonalAccessTokens;

/// <summary>A token that was just issued. <see cref="Token"/> is shown to its user once and never stored.</summary>
public sealed class IssuedPat
{
    internal IssuedPat(
        string token,
        string id,
        string subject,
        string? name,
        IReadOnlyList<string> scopes,
        DateTimeOffset issuedAt,
        DateTimeOffset expiresAt,
        string keyId)
    {
        Token = token;
        Id = id;
        Subject = subject;
        Name = name;
        Scopes = scopes;
        IssuedAt = issuedAt;
        ExpiresAt = expiresAt;
        KeyId = keyId;
    }

    /// <summary>The token text, including any configured prefix. Show it once; never log or store it.</summary>
    public string Token { get; }

    /// <summary>The token's unique id (the <c>jti</c> claim). Safe to log and store.</summary>
    public string Id { get; }

    /// <summary>The user the token belongs to (the <c>sub</c> claim).</summary>
    public string Subject { get; }

    /// <summary>The token's human-readable name, if one was given.</summary>
    public string? Name { get; }

    /// <summary>The granted scopes, without duplicates, in the order requested.</summary>
    public IReadOnlyList<string> Scopes { get; }

    /// <summary>When the token was issued, in whole seconds (the <c>iat</c> claim).</summary>
    public DateTimeOffset IssuedAt { get; }

    /// <summary>When the token expires, in whole seconds (the <c>exp</c> claim).</summary>
    public DateTimeOffset ExpiresAt { get; }

    /// <summary>The id of the key that signed the token (the <c>kid</c> header).</summary>
    public string KeyId { get; }

    /// <summary>Describes the token by its id; the token text is never part of it.</summary>
    public override string ToString() => $"PAT {Id} for {Subject}";
}
