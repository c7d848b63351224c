namespace PersonalAccessTokens;

/// <summary>The JWT claim names a personal access token carries, as registered by RFC 7519 and RFC 8693.</summary>
public static class PatClaimNames
{
    /// <summary>The user the token belongs to.</summary>
    public const string Subject = "sub";

    /// <summary>The token's unique id.</summary>
    public const string TokenId = "jti";

    /// <summary>The granted scopes: one space-separated string in the token (RFC 8693 §4.2), one claim per scope in a principal.</summary>
    public const string Scope = "scope";

    /// <summary>The token's human-readable name.</summary>
    public const string Name = "name";

    /// <summary>When the token was issued, in seconds since the Unix epoch.</summary>
    public const string IssuedAt = "iat";

    /// <summary>When the token expires, in seconds since the Unix epoch.</summary>
    public const string ExpiresAt = "exp";

    /// <summary>When the token becomes valid, in seconds since the Unix epoch.</summary>
    public const string NotBefore = "nbf";

    /// <summary>Who issued the token.</summary>
    public const string Issuer = "iss";

    /// <summary>Who the token is for.</summary>
    public const string Audience = "aud";

    /// <summary>
    /// A derived token's ancestors: an array of token ids, its parent's first, then the parent's own ancestors.
    /// Absent from an ordinary token.
    /// </summary>
    public const string Ancestors = "anc";
}
