namespace PersonalAccessTokens;

/// <summary>
/// A token whose form, key, signature and claims passed: everything validation learned that does not change
/// with time, revocation or the scopes a caller requires. The verified-token cache stores these.
/// </summary>
internal sealed class VerifiedToken
{
    public VerifiedToken(ValidatedPat pat, PatKeyRing.Snapshot ring, PatKeyRing.Entry key, DateTimeOffset notBefore)
    {
        Pat = pat;
        Ring = ring;
        Key = key;
        NotBefore = notBefore;
        Lifetime = pat.ExpiresAt - pat.IssuedAt;
        Success = PatValidationResult.Success(pat);
    }

    public ValidatedPat Pat { get; }

    /// <summary>The key ring the token was verified against; another ring means verifying again.</summary>
    public PatKeyRing.Snapshot Ring { get; }

    public PatKeyRing.Entry Key { get; }

    /// <summary>The later of <c>iat</c> and <c>nbf</c>.</summary>
    public DateTimeOffset NotBefore { get; }

    public TimeSpan Lifetime { get; }

    /// <summary>The one success result for this token, returned on every hit so a hit allocates nothing.</summary>
    public PatValidationResult Success { get; }
}
