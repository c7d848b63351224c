namespace PersonalAccessTokens.AspNetCore;

/// <summary>Options of the token-management endpoints that <c>MapPersonalAccessTokens</c> maps.</summary>
public sealed class PersonalAccessTokenEndpointOptions
{
    /// <summary>
    /// The schemes that sign the user in to mint tokens and revoke them all, such as a cookie scheme.
    /// Empty means the default scheme.
    /// </summary>
    /// <value>Defaults to none: the default authentication scheme.</value>
    public IList<string> UserAuthenticationSchemes { get; } = [];

    /// <summary>
    /// Whether a request authenticated by a personal access token may mint tokens or revoke all of them.
    /// Off by default: a leaked token must not be able to mint its successors.
    /// </summary>
    /// <value>Defaults to <see langword="false"/>.</value>
    public bool AllowTokensToManageTokens { get; set; }

    /// <summary>
    /// Whether a token may rotate itself with <c>POST self/rotate</c>. The new token keeps the old one's expiry, so a
    /// token can never extend its own life.
    /// </summary>
    /// <value>Defaults to <see langword="true"/>.</value>
    public bool AllowSelfRotation { get; set; } = true;

    /// <summary>The scheme that authenticates the presented token for <c>GET</c> and <c>DELETE</c> of <c>/self</c>.</summary>
    /// <value>Defaults to <c>PersonalAccessToken</c>.</value>
    public string TokenAuthenticationScheme { get; set; } = PersonalAccessTokenAuthenticationDefaults.AuthenticationScheme;
}
