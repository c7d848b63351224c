namespace PersonalAccessTokens.AspNetCore;

/// <summary>Default values of the personal access token authentication scheme.</summary>
public static class PersonalAccessTokenAuthenticationDefaults
{
    /// <summary>The default scheme name: <c>PersonalAccessToken</c>.</summary>
    public const string AuthenticationScheme = "PersonalAccessToken";

    /// <summary>
    /// The default response header that carries the token's expiry on success, as GitHub's
    /// <c>GitHub-Authentication-Token-Expiration</c> does, so scripts can warn before it lapses.
    /// </summary>
    public const string ExpirationHeaderName = "Authentication-Token-Expiration";
}
