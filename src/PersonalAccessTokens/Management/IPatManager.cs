namespace PersonalAccessTokens;

/// <summary>
/// What a host does on behalf of a signed-in user: list, find, revoke and rotate their tokens. Every method takes
/// the owner's subject; a token of another subject behaves exactly as an unknown id. Ids that cannot be ours (empty,
/// over 256 characters, control characters) are answered as unknown without reaching the store.
/// </summary>
public interface IPatManager
{
    /// <summary>
    /// The user's tokens, newest first (by issue time, then id), each until <see cref="PersonalAccessTokenOptions.RecordRetention"/>
    /// after it expired or was revoked, whichever came first.
    /// </summary>
    /// <param name="subject">The owner.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <exception cref="ArgumentNullException"><paramref name="subject"/> is <see langword="null"/>.</exception>
    ValueTask<IReadOnlyList<PatRecord>> ListAsync(string subject, CancellationToken cancellationToken = default);

    /// <summary>One of the user's tokens, or <see langword="null"/> if unknown, foreign or past its retention.</summary>
    /// <param name="subject">The owner.</param>
    /// <param name="tokenId">The token's id.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    ValueTask<PatRecord?> FindAsync(string subject, string tokenId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Revokes one of the user's tokens through <see cref="IPatRevocationStore"/> and marks its record: the next
    /// validation fails <see cref="PatValidationFailure.Revoked"/> on this node at once, on others within the store's
    /// propagation time.
    /// </summary>
    /// <param name="subject">The owner.</param>
    /// <param name="tokenId">The token's id.</param>
    /// <param name="cancellationToken">Cancels the writes.</param>
    /// <returns><see langword="false"/> for an unknown or foreign id; <see langword="true"/> otherwise, also if it had ended already.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    ValueTask<bool> RevokeAsync(string subject, string tokenId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces one of the user's active tokens with a new one of the same name and scopes, and revokes the old one at
    /// once as <see cref="PatRevocationReason.Rotated"/>. Of concurrent rotations of one token exactly one succeeds.
    /// </summary>
    /// <param name="subject">The owner.</param>
    /// <param name="tokenId">The token to rotate.</param>
    /// <param name="lifetime">The new token's lifetime; <see langword="null"/> for the old token's lifetime length, held to today's policy.</param>
    /// <param name="cancellationToken">Cancels the writes.</param>
    /// <returns>
    /// The new token, or <see cref="PatIssueErrorCode.TokenNotFound"/> for an unknown or foreign id,
    /// <see cref="PatIssueErrorCode.TokenNotActive"/> for an expired, revoked or already rotated one, or any refusal of the issuer.
    /// </returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    ValueTask<PatIssueResult> RotateAsync(string subject, string tokenId, TimeSpan? lifetime = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Rotates the token that was just presented, as <see cref="RotateAsync"/> does, except that the new token keeps the
    /// old one's expiry: a token can never extend its own life.
    /// </summary>
    /// <param name="pat">The presented, validated token.</param>
    /// <param name="cancellationToken">Cancels the writes.</param>
    /// <exception cref="ArgumentNullException"><paramref name="pat"/> is <see langword="null"/>.</exception>
    ValueTask<PatIssueResult> RotateSelfAsync(ValidatedPat pat, CancellationToken cancellationToken = default);
}
