using Microsoft.AspNetCore.Authentication;

namespace PersonalAccessTokens.AspNetCore;

/// <summary>Options of the personal access token authentication scheme.</summary>
public sealed class PersonalAccessTokenAuthenticationOptions : AuthenticationSchemeOptions
{
    /// <summary>Creates options with no-op events.</summary>
    public PersonalAccessTokenAuthenticationOptions() => Events = new PersonalAccessTokenEvents();

    /// <summary>The <c>realm</c> of the <c>WWW-Authenticate</c> challenge (RFC 6750 §3).</summary>
    /// <value>Defaults to <see langword="null"/>, which uses <see cref="PersonalAccessTokenOptions.Audience"/>.</value>
    public string? Realm { get; set; }

    /// <summary>
    /// A request header that may carry the token instead of <c>Authorization: Bearer</c>, such as GitLab's
    /// <c>PRIVATE-TOKEN</c>. Opt-in.
    /// </summary>
    /// <value>Defaults to <see langword="null"/>: only the <c>Authorization</c> header is read.</value>
    public string? TokenHeaderName { get; set; }

    /// <summary>
    /// Whether the password of HTTP Basic authentication is read as a token, as git and Docker clients send PATs.
    /// The user name is ignored. Opt-in.
    /// </summary>
    /// <value>Defaults to <see langword="false"/>.</value>
    public bool AllowBasicAuthentication { get; set; }

    /// <summary>
    /// Whether <c>Authorization: token &lt;token&gt;</c> is read as well as <c>Bearer</c>, as the GitHub CLI and many
    /// scripts written for GitHub send it. Opt-in.
    /// </summary>
    /// <value>Defaults to <see langword="false"/>.</value>
    public bool AcceptTokenScheme { get; set; }

    /// <summary>
    /// The response header that carries the token's expiry (RFC 3339, UTC) on success; <see langword="null"/> or
    /// empty turns it off.
    /// </summary>
    /// <value>Defaults to <c>Authentication-Token-Expiration</c>.</value>
    public string? ExpirationHeaderName { get; set; } = PersonalAccessTokenAuthenticationDefaults.ExpirationHeaderName;

    /// <summary>The events the handler raises; replace or set its delegates to take part.</summary>
    public new PersonalAccessTokenEvents Events
    {
        get => (PersonalAccessTokenEvents)base.Events!;
        set => base.Events = value;
    }
}
