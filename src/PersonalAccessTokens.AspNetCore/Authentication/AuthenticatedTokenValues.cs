using System.Globalization;
using System.Runtime.CompilerServices;

namespace PersonalAccessTokens.AspNetCore;

/// <summary>
/// What every request one token authenticates can share, made the first time the token is seen and kept as long as
/// its validated form is (the validator's cache keeps one per token). Both values are immutable: nothing a request
/// does through them reaches another request.
/// </summary>
internal sealed class AuthenticatedTokenValues
{
    private static readonly ConditionalWeakTable<ValidatedPat, AuthenticatedTokenValues> ByToken = new();

    private AuthenticatedTokenValues(ValidatedPat pat)
    {
        Feature = new PersonalAccessTokenFeature(pat);

        // RFC 3339 in UTC, so scripts can warn before the token lapses.
        ExpirationHeader = pat.ExpiresAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
    }

    /// <summary>The request feature that hands endpoints the token.</summary>
    public IPersonalAccessTokenFeature Feature { get; }

    /// <summary>The expiry response header's value.</summary>
    public string ExpirationHeader { get; }

    public static AuthenticatedTokenValues Of(ValidatedPat pat) => ByToken.GetValue(pat, static p => new AuthenticatedTokenValues(p));
}
