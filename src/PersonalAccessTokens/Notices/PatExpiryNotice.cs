namespace PersonalAccessTokens;

/// <summary>A token whose expiry fell into a notice window.</summary>
/// <param name="Token">The token's record.</param>
/// <param name="Window">The length of the window, e.g. 7 days: the token expires within that time.</param>
public sealed record PatExpiryNotice(PatRecord Token, TimeSpan Window);
