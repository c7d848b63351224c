namespace PersonalAccessTokens;

/// <summary>Revokes a token from the object that describes it.</summary>
public static class PatRevocationStoreExtensions
{
    /// <summary>Revokes a token just issued, keeping the entry until it would have expired.</summary>
    /// <param name="store">The revocation store.</param>
    /// <param name="pat">The token to revoke.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    public static ValueTask RevokeAsync(this IPatRevocationStore store, IssuedPat pat, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(pat);
        return store.RevokeAsync(pat.Id, pat.ExpiresAt, cancellationToken);
    }

    /// <summary>Revokes a validated token, for example the one that authenticated the current request.</summary>
    /// <param name="store">The revocation store.</param>
    /// <param name="pat">The token to revoke.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    public static ValueTask RevokeAsync(this IPatRevocationStore store, ValidatedPat pat, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(pat);
        return store.RevokeAsync(pat.Id, pat.ExpiresAt, cancellationToken);
    }
}
