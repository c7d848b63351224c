using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;

namespace PersonalAccessTokens.EntityFrameworkCore;

/// <summary>Token records in a database. Only persistence: the manager holds the rules.</summary>
internal sealed class EntityFrameworkPatRecordStore(PatDbContextSource contexts) : IPatRecordStore
{
    public async ValueTask AddAsync(PatRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        await using var db = await contexts.CreateAsync(cancellationToken).ConfigureAwait(false);
        db.Records.Add(PatRecordRow.From(record));
        await db.Context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<PatRecord?> FindAsync(string tokenId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateAsync(cancellationToken).ConfigureAwait(false);
        var row = await db.Records.AsNoTracking().FirstOrDefaultAsync(r => r.Id == tokenId, cancellationToken).ConfigureAwait(false);
        return row?.ToRecord();
    }

    public async ValueTask<IReadOnlyList<PatRecord>> ListAsync(string subject, DateTimeOffset endedAfter, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateAsync(cancellationToken).ConfigureAwait(false);
        var ticks = endedAfter.UtcTicks;
        var rows = await db.Records.AsNoTracking()
            .Where(r => r.Subject == subject && r.EndedAt > ticks)
            .OrderByDescending(r => r.IssuedAt)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(r => r.ToRecord())];
    }

    public async ValueTask<PatRecord?> RevokeAsync(string tokenId, DateTimeOffset revokedAt, PatRevocationReason reason, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateAsync(cancellationToken).ConfigureAwait(false);
        var ticks = revokedAt.UtcTicks;

        // One statement, conditional on the row not being revoked yet: the first reason stays, whoever races.
        await db.Records.Where(r => r.Id == tokenId && r.RevokedAt == null)
            .ExecuteUpdateAsync(set => MarkRevoked(set, ticks, reason), cancellationToken).ConfigureAwait(false);
        var row = await db.Records.AsNoTracking().FirstOrDefaultAsync(r => r.Id == tokenId, cancellationToken).ConfigureAwait(false);
        return row?.ToRecord();
    }

    public async ValueTask RevokeAllAsync(string subject, DateTimeOffset issuedAtOrBefore, PatRevocationReason reason, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateAsync(cancellationToken).ConfigureAwait(false);
        var ticks = issuedAtOrBefore.UtcTicks;
        await db.Records.Where(r => r.Subject == subject && r.RevokedAt == null && r.IssuedAt <= ticks)
            .ExecuteUpdateAsync(set => MarkRevoked(set, ticks, reason), cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<bool> TryRotateAsync(string oldTokenId, PatRecord successor, DateTimeOffset rotatedAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(successor);
        await using var db = await contexts.CreateAsync(cancellationToken).ConfigureAwait(false);
        var ticks = rotatedAt.UtcTicks;
        var strategy = db.Context.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Context.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

            // The write comes first in the transaction: the row lock (or SQLite's write lock) is taken at once, so of two
            // rotations the second waits, then finds the token revoked and changes nothing. No read-then-write race.
            var won = await db.Records.Where(r => r.Id == oldTokenId && r.RevokedAt == null).ExecuteUpdateAsync(
                set => MarkRevoked(set, ticks, PatRevocationReason.Rotated).SetProperty(r => r.RotatedToId, successor.Id),
                cancellationToken).ConfigureAwait(false) == 1;
            if (!won)
            {
                await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
                return false;
            }

            db.Records.Add(PatRecordRow.From(successor));
            await db.Context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }).ConfigureAwait(false);
    }

    public async ValueTask<IReadOnlyList<PatRecord>> RevokeFamilyAsync(string familyId, DateTimeOffset revokedAt, PatRevocationReason reason, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateAsync(cancellationToken).ConfigureAwait(false);
        var ticks = revokedAt.UtcTicks;
        await db.Records.Where(r => r.FamilyId == familyId && r.RevokedAt == null)
            .ExecuteUpdateAsync(set => MarkRevoked(set, ticks, reason), cancellationToken).ConfigureAwait(false);
        var rows = await db.Records.AsNoTracking().Where(r => r.FamilyId == familyId).ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(r => r.ToRecord())];
    }

    public async ValueTask RecordUsageAsync(IReadOnlyCollection<PatUsage> usages, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(usages);
        if (usages.Count == 0)
        {
            return;
        }

        // A flush can hold tens of thousands of tokens: a statement per page of rows, not per token, in one transaction.
        await using var db = await contexts.CreateAsync(cancellationToken).ConfigureAwait(false);
        var sql = UsageSql.For(db.Context);
        await using var transaction = await db.Context.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        foreach (var page in usages.Chunk(UsageSql.RowsPerStatement))
        {
            await db.Context.Database.ExecuteSqlRawAsync(sql.Update(page.Length), UsageSql.Parameters(page), cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The columns every revocation sets; the end is the earlier of revocation and expiry.</summary>
    private static UpdateSettersBuilder<PatRecordRow> MarkRevoked(UpdateSettersBuilder<PatRecordRow> set, long ticks, PatRevocationReason reason) => set
        .SetProperty(r => r.RevokedAt, ticks)
        .SetProperty(r => r.RevocationReason, reason)
        .SetProperty(r => r.EndedAt, r => r.ExpiresAt < ticks ? r.ExpiresAt : ticks);

    public async ValueTask<IReadOnlyList<PatRecord>> ListExpiringAsync(DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateAsync(cancellationToken).ConfigureAwait(false);
        var fromTicks = from.UtcTicks;
        var untilTicks = until.UtcTicks;
        var rows = await db.Records.AsNoTracking()
            .Where(r => r.RevokedAt == null && r.ExpiresAt >= fromTicks && r.ExpiresAt < untilTicks)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(r => r.ToRecord())];
    }

    public async ValueTask<bool> TryClaimExpiryNoticeAsync(string tokenId, TimeSpan window, CancellationToken cancellationToken = default)
    {
        var seconds = (long)window.TotalSeconds;
        await using var db = await contexts.CreateAsync(cancellationToken).ConfigureAwait(false);
        db.Notices.Add(new PatExpiryNoticeRow { TokenId = tokenId, WindowSeconds = seconds });
        try
        {
            await db.Context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (DbUpdateException)
        {
            // The key is taken, by another node or before a restart; anything else (the database down) is rethrown.
            db.Context.ChangeTracker.Clear();
            if (await db.Notices.AnyAsync(n => n.TokenId == tokenId && n.WindowSeconds == seconds, cancellationToken).ConfigureAwait(false))
            {
                return false;
            }

            throw;
        }
    }

    public async ValueTask PurgeAsync(DateTimeOffset endedBefore, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateAsync(cancellationToken).ConfigureAwait(false);
        var endedTicks = endedBefore.UtcTicks;
        var nowTicks = now.UtcTicks;

        // A rotated-away record is the evidence reuse detection needs, until its token can no longer be used.
        await db.Records
            .Where(r => r.RevocationReason == PatRevocationReason.Rotated ? r.ExpiresAt <= nowTicks : r.EndedAt <= endedTicks)
            .ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        await db.Notices.Where(n => !db.Records.Any(r => r.Id == n.TokenId)).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
    }
}
