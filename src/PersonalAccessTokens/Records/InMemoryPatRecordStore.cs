namespace PersonalAccessTokens;

/// <summary>
/// The default record store, for one process: records live as long as the process, within the retention the
/// manager applies. One lock makes rotation atomic; records are only touched off the validation path.
/// </summary>
internal sealed class InMemoryPatRecordStore : IPatRecordStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, PatRecord> _records = new(StringComparer.Ordinal);
    private readonly HashSet<(string TokenId, TimeSpan Window)> _noticeClaims = [];

    public ValueTask AddAsync(PatRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        lock (_lock)
        {
            _records.Add(record.Id, record);
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask<PatRecord?> FindAsync(string tokenId, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return ValueTask.FromResult(_records.GetValueOrDefault(tokenId));
        }
    }

    public ValueTask<IReadOnlyList<PatRecord>> ListAsync(string subject, DateTimeOffset endedAfter, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            IReadOnlyList<PatRecord> list = [.. _records.Values.Where(r => r.Subject == subject && Ended(r) > endedAfter)];
            return ValueTask.FromResult(list);
        }
    }

    public ValueTask<PatRecord?> RevokeAsync(string tokenId, DateTimeOffset revokedAt, PatRevocationReason reason, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            if (!_records.TryGetValue(tokenId, out var record))
            {
                return ValueTask.FromResult<PatRecord?>(null);
            }

            if (record.RevokedAt is null)
            {
                record = _records[tokenId] = record with { RevokedAt = revokedAt, RevocationReason = reason };
            }

            return ValueTask.FromResult<PatRecord?>(record);
        }
    }

    public ValueTask RevokeAllAsync(string subject, DateTimeOffset issuedAtOrBefore, PatRevocationReason reason, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            foreach (var record in _records.Values.Where(r => r.Subject == subject && r.RevokedAt is null && r.IssuedAt <= issuedAtOrBefore).ToList())
            {
                _records[record.Id] = record with { RevokedAt = issuedAtOrBefore, RevocationReason = reason };
            }
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask<bool> TryRotateAsync(string oldTokenId, PatRecord successor, DateTimeOffset rotatedAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(successor);
        lock (_lock)
        {
            if (!_records.TryGetValue(oldTokenId, out var old) || old.RevokedAt is not null)
            {
                return ValueTask.FromResult(false);
            }

            _records[oldTokenId] = old with { RevokedAt = rotatedAt, RevocationReason = PatRevocationReason.Rotated, RotatedToId = successor.Id };
            _records.Add(successor.Id, successor);
            return ValueTask.FromResult(true);
        }
    }

    public ValueTask<IReadOnlyList<PatRecord>> RevokeFamilyAsync(string familyId, DateTimeOffset revokedAt, PatRevocationReason reason, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            var family = new List<PatRecord>();
            foreach (var record in _records.Values.Where(r => r.FamilyId == familyId).ToList())
            {
                var now = record.RevokedAt is null ? record with { RevokedAt = revokedAt, RevocationReason = reason } : record;
                _records[record.Id] = now;
                family.Add(now);
            }

            return ValueTask.FromResult<IReadOnlyList<PatRecord>>(family);
        }
    }

    public ValueTask RecordUsageAsync(IReadOnlyCollection<PatUsage> usages, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(usages);
        lock (_lock)
        {
            foreach (var usage in usages)
            {
                if (_records.TryGetValue(usage.TokenId, out var record) && !(record.LastUsedAt >= usage.LastUsedAt))
                {
                    _records[usage.TokenId] = record with { LastUsedAt = usage.LastUsedAt, LastUsedFrom = usage.LastUsedFrom };
                }
            }
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask<IReadOnlyList<PatRecord>> ListExpiringAsync(DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            IReadOnlyList<PatRecord> list = [.. _records.Values.Where(r => r.RevokedAt is null && r.ExpiresAt >= from && r.ExpiresAt < until)];
            return ValueTask.FromResult(list);
        }
    }

    public ValueTask<bool> TryClaimExpiryNoticeAsync(string tokenId, TimeSpan window, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return ValueTask.FromResult(_noticeClaims.Add((tokenId, window)));
        }
    }

    public ValueTask PurgeAsync(DateTimeOffset endedBefore, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            foreach (var record in _records.Values.ToList())
            {
                // A rotated-away record is the evidence reuse detection needs, until its token can no longer be used.
                var keep = record.RevocationReason == PatRevocationReason.Rotated ? record.ExpiresAt > now : Ended(record) > endedBefore;
                if (!keep)
                {
                    _records.Remove(record.Id);
                    _noticeClaims.RemoveWhere(c => c.TokenId == record.Id);
                }
            }
        }

        return ValueTask.CompletedTask;
    }

    private static DateTimeOffset Ended(PatRecord record) =>
        record.RevokedAt is { } revokedAt && revokedAt < record.ExpiresAt ? revokedAt : record.ExpiresAt;
}
