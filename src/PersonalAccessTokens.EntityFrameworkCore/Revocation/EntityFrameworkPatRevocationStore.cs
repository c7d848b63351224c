using Microsoft.Extensions.Options;

namespace PersonalAccessTokens.EntityFrameworkCore;

/// <summary>
/// Revocations that survive restarts: each is a row, written before the call returns, and every node's replica
/// follows the rows by polling. Checks answer from the replica and never query the database.
/// </summary>
internal sealed class EntityFrameworkPatRevocationStore(
    PatDbContextSource contexts,
    DatabaseRevocationReplica replica,
    IOptions<EntityFrameworkStoreOptions> options,
    IOptions<PersonalAccessTokenOptions> tokenOptions,
    TimeProvider timeProvider) : IPatRevocationStore
{
    public async ValueTask RevokeAsync(string tokenId, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(tokenId);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(tokenId.Length, PatRecordIds.MaxLength, nameof(tokenId));
        var now = timeProvider.GetUtcNow();
        var skew = tokenOptions.Value.ClockSkew;
        if (expiresAt + skew <= now)
        {
            return; // It fails as expired everywhere already.
        }

        // Kept until exp + ClockSkew, as long as the validator could accept the token.
        var exp = expiresAt.ToUnixTimeSeconds();
        await WriteAsync(PatRevocationRow.TokenKind, tokenId, exp, (expiresAt + skew).ToUnixTimeSeconds(), now, cancellationToken).ConfigureAwait(false);
        replica.List.AddToken(tokenId, exp);
    }

    public async ValueTask RevokeAllAsync(string subject, DateTimeOffset issuedAtOrBefore, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(subject);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(subject.Length, PatRecordIds.MaxLength, nameof(subject));
        var now = timeProvider.GetUtcNow();
        var epoch = issuedAtOrBefore.ToUnixTimeSeconds();

        // An epoch matters while a token issued before it could still be alive.
        var keepUntil = (issuedAtOrBefore + tokenOptions.Value.MaxLifetime + tokenOptions.Value.ClockSkew).ToUnixTimeSeconds();
        await WriteAsync(PatRevocationRow.SubjectKind, subject, epoch, keepUntil, now, cancellationToken).ConfigureAwait(false);
        replica.List.AddSubject(subject, epoch);
    }

    public ValueTask<PatRevocationStatus> CheckAsync(ValidatedPat pat, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pat);
        // The clock is read only when a poll is failing or running: it would cost as much as the lookup on every check.
        if (replica.MayBeStale && replica.IsStaleAt(timeProvider.GetUtcNow(), options.Value.StalenessLimit))
        {
            return new ValueTask<PatRevocationStatus>(PatRevocationStatus.Unavailable);
        }

        return new ValueTask<PatRevocationStatus>(replica.List.IsRevoked(pat) ? PatRevocationStatus.Revoked : PatRevocationStatus.NotRevoked);
    }

    private async Task WriteAsync(byte kind, string key, long value, long keepUntil, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateAsync(cancellationToken).ConfigureAwait(false);
        db.Revocations.Add(new PatRevocationRow { Kind = kind, Key = key, Value = value, KeepUntil = keepUntil, CreatedAt = now.UtcTicks });
        await db.Context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }
}
