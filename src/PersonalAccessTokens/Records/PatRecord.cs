namespace PersonalAccessTokens;

/// <summary>
/// What is kept of an issued token: who owns it, what it grants, how it was used and how it ended. Never its text.
/// A snapshot: stores return a new one for each change.
/// </summary>
public sealed record PatRecord
{
    /// <summary>The token's id (its <c>jti</c>).</summary>
    public required string Id { get; init; }

    /// <summary>The user the token belongs to.</summary>
    public required string Subject { get; init; }

    /// <summary>The token's name, if it has one.</summary>
    public string? Name { get; init; }

    /// <summary>The scopes the token grants directly.</summary>
    public required IReadOnlyList<string> Scopes { get; init; }

    /// <summary>When the token was issued.</summary>
    public required DateTimeOffset IssuedAt { get; init; }

    /// <summary>When the token expires.</summary>
    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>The id of the key that signed it.</summary>
    public required string KeyId { get; init; }

    /// <summary>When the token was last validated successfully, as of the last usage flush.</summary>
    public DateTimeOffset? LastUsedAt { get; init; }

    /// <summary>The client IP address of that use, where the host knows it (the ASP.NET Core package records it).</summary>
    public string? LastUsedFrom { get; init; }

    /// <summary>When the token was revoked, if it was.</summary>
    public DateTimeOffset? RevokedAt { get; init; }

    /// <summary>Why the token was revoked, if it was.</summary>
    public PatRevocationReason? RevocationReason { get; init; }

    /// <summary>The token this one replaced, if it was issued by rotation.</summary>
    public string? RotatedFromId { get; init; }

    /// <summary>The token that replaced this one, if it was rotated.</summary>
    public string? RotatedToId { get; init; }

    /// <summary>The token this one was derived from, or <see langword="null"/> for an ordinary token.</summary>
    public string? ParentId { get; init; }

    /// <summary>The id of the first token of this one's rotation chain: its own <see cref="Id"/> if it was never rotated into.</summary>
    public required string FamilyId { get; init; }

    /// <summary>Where the token is in its life at <paramref name="now"/>.</summary>
    /// <param name="now">The instant to ask about.</param>
    public PatTokenStatus GetStatus(DateTimeOffset now) =>
        RevokedAt is not null ? PatTokenStatus.Revoked
        : ExpiresAt <= now ? PatTokenStatus.Expired
        : PatTokenStatus.Active;

    /// <summary>Whether the owner still sees the record at <paramref name="now"/>: until <paramref name="retention"/> after it ended.</summary>
    internal bool IsListedAt(DateTimeOffset now, TimeSpan retention)
    {
        var ended = RevokedAt is { } revokedAt && revokedAt < ExpiresAt ? revokedAt : ExpiresAt;
        return now < ended + retention;
    }
}
