namespace PersonalAccessTokens;

/// <summary>
/// Remembers revoked tokens. Validation asks it about every token that passes every other rule.
/// The default keeps the list in memory; a distributed store replaces it for a fleet.
/// </summary>
public interface IPatRevocationStore
{
    /// <summary>
    /// Revokes one token. The entry is kept until <paramref name="expiresAt"/> plus
    /// <see cref="PersonalAccessTokenOptions.ClockSkew"/>, when the token fails as expired everywhere, and no longer.
    /// </summary>
    /// <param name="tokenId">The token's id (its <c>jti</c>).</param>
    /// <param name="expiresAt">When the token expires.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes once the revocation is stored; a failed write faults it.</returns>
    ValueTask RevokeAsync(string tokenId, DateTimeOffset expiresAt, CancellationToken cancellationToken = default);

    /// <summary>
    /// Revokes every token of <paramref name="subject"/> issued at or before <paramref name="issuedAtOrBefore"/>, compared in
    /// whole seconds as <c>iat</c> is: a token issued in the same second is revoked too, so an old token never survives.
    /// </summary>
    /// <param name="subject">The user whose tokens to revoke.</param>
    /// <param name="issuedAtOrBefore">The instant up to which tokens are revoked, usually now.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes once the revocation is stored; a failed write faults it.</returns>
    ValueTask RevokeAllAsync(string subject, DateTimeOffset issuedAtOrBefore, CancellationToken cancellationToken = default);

    /// <summary>
    /// Whether a token that is otherwise valid has been revoked: itself, every token of its subject up to its issue,
    /// or, for a derived token, any of its <see cref="ValidatedPat.AncestorIds"/>. <see cref="PatRevocationList.IsRevoked"/>
    /// answers all three.
    /// </summary>
    /// <param name="pat">The token to check.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <returns>
    /// <see cref="PatRevocationStatus.Unavailable"/> when the store cannot answer safely; validation then fails with
    /// <see cref="PatValidationFailure.RevocationUnavailable"/>. Complete synchronously when you can: it keeps validation allocation-free.
    /// </returns>
    ValueTask<PatRevocationStatus> CheckAsync(ValidatedPat pat, CancellationToken cancellationToken = default);
}
