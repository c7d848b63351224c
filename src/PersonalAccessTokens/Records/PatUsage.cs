namespace PersonalAccessTokens;

/// <summary>The last use of one token since the previous flush, as the usage flusher hands it to the store.</summary>
/// <param name="TokenId">The token's id.</param>
/// <param name="LastUsedAt">When it was last validated successfully.</param>
/// <param name="LastUsedFrom">The client address of that use, if known.</param>
public readonly record struct PatUsage(string TokenId, DateTimeOffset LastUsedAt, string? LastUsedFrom);
