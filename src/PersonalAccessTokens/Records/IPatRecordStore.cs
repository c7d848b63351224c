namespace PersonalAccessTokens;

/// <summary>
/// Persists token records. It holds no rules: <see cref="IPatManager"/> decides who may see and change what, and
/// <see cref="IPatRevocationStore"/> stays the one source of truth for validation. The default keeps records in
/// memory, per process; the EF Core package stores them in a database.
/// </summary>
/// <remarks>Ids reaching a store have passed <see cref="PatRecordIds.IsWellFormed"/>: no empty, huge or control-character ids.</remarks>
public interface IPatRecordStore
{
    /// <summary>Adds the record of a token just issued. A failure faults the task, and the token is not handed out.</summary>
    /// <param name="record">The new record.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    ValueTask AddAsync(PatRecord record, CancellationToken cancellationToken = default);

    /// <summary>The record of <paramref name="tokenId"/>, whoever owns it, or <see langword="null"/>.</summary>
    /// <param name="tokenId">The token's id.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    ValueTask<PatRecord?> FindAsync(string tokenId, CancellationToken cancellationToken = default);

    /// <summary>Every record of <paramref name="subject"/> whose token ended after <paramref name="endedAfter"/> or has not ended.</summary>
    /// <param name="subject">The owner.</param>
    /// <param name="endedAfter">Records of tokens that expired or were revoked at or before this instant may be left out.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    ValueTask<IReadOnlyList<PatRecord>> ListAsync(string subject, DateTimeOffset endedAfter, CancellationToken cancellationToken = default);

    /// <summary>Marks a token revoked unless it already is; the first reason stays.</summary>
    /// <param name="tokenId">The token's id.</param>
    /// <param name="revokedAt">When it was revoked.</param>
    /// <param name="reason">Why.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The record as it is now, or <see langword="null"/> for an unknown id.</returns>
    ValueTask<PatRecord?> RevokeAsync(string tokenId, DateTimeOffset revokedAt, PatRevocationReason reason, CancellationToken cancellationToken = default);

    /// <summary>Marks every record of <paramref name="subject"/> issued at or before <paramref name="issuedAtOrBefore"/> revoked, unless it already is.</summary>
    /// <param name="subject">The owner.</param>
    /// <param name="issuedAtOrBefore">The revoke-all instant.</param>
    /// <param name="reason">Why.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    ValueTask RevokeAllAsync(string subject, DateTimeOffset issuedAtOrBefore, PatRevocationReason reason, CancellationToken cancellationToken = default);

    /// <summary>
    /// Atomically marks <paramref name="oldTokenId"/> revoked as <see cref="PatRevocationReason.Rotated"/>, linked to
    /// <paramref name="successor"/>, and adds the successor, only if the old token is not revoked yet. Of two
    /// concurrent rotations of one token, on one node or many sharing the store, exactly one returns
    /// <see langword="true"/>; the other returns <see langword="false"/> and adds nothing. Never throws for that.
    /// </summary>
    /// <param name="oldTokenId">The token being rotated.</param>
    /// <param name="successor">The new token's record, with <see cref="PatRecord.RotatedFromId"/> and <see cref="PatRecord.FamilyId"/> set.</param>
    /// <param name="rotatedAt">When the old token is revoked.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    ValueTask<bool> TryRotateAsync(string oldTokenId, PatRecord successor, DateTimeOffset rotatedAt, CancellationToken cancellationToken = default);

    /// <summary>Marks every record of a rotation family that is not revoked yet as revoked for <paramref name="reason"/>.</summary>
    /// <param name="familyId">The family.</param>
    /// <param name="revokedAt">When.</param>
    /// <param name="reason">Why, usually <see cref="PatRevocationReason.ReuseDetected"/>.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>Every record of the family, as it is now.</returns>
    ValueTask<IReadOnlyList<PatRecord>> RevokeFamilyAsync(string familyId, DateTimeOffset revokedAt, PatRevocationReason reason, CancellationToken cancellationToken = default);

    /// <summary>Records the last use of each token, keeping a later use already stored.</summary>
    /// <param name="usages">At most one entry per token.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    ValueTask RecordUsageAsync(IReadOnlyCollection<PatUsage> usages, CancellationToken cancellationToken = default);

    /// <summary>Active records whose expiry falls in [<paramref name="from"/>, <paramref name="until"/>).</summary>
    /// <param name="from">The window's start.</param>
    /// <param name="until">The window's end.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    ValueTask<IReadOnlyList<PatRecord>> ListExpiringAsync(DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken = default);

    /// <summary>Claims the expiry notice of one token for one window: true exactly once, across restarts and nodes.</summary>
    /// <param name="tokenId">The token's id.</param>
    /// <param name="window">The notice window, e.g. 7 days.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    ValueTask<bool> TryClaimExpiryNoticeAsync(string tokenId, TimeSpan window, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes records that can no longer matter: ended before <paramref name="endedBefore"/>, except records revoked as
    /// <see cref="PatRevocationReason.Rotated"/>, which are kept until their token expires so reuse is still detected.
    /// </summary>
    /// <param name="endedBefore">Now less the record retention.</param>
    /// <param name="now">Now.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    ValueTask PurgeAsync(DateTimeOffset endedBefore, DateTimeOffset now, CancellationToken cancellationToken = default);
}
