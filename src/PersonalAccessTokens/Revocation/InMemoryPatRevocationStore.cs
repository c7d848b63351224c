using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace PersonalAccessTokens;

/// <summary>
/// The default revocation store, for a single node. Checks complete synchronously and allocate nothing.
/// Entries are purged once they can no longer matter, so the store holds at most the revoked tokens still alive.
/// </summary>
internal sealed class InMemoryPatRevocationStore(TimeProvider timeProvider, IOptions<PersonalAccessTokenOptions> options) : IPatRevocationStore
{
    // Purging scans everything, so it runs at most this often, on writes only; reads never pay for it.
    private static readonly TimeSpan PurgeInterval = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, DateTimeOffset> _revokedIds = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _subjectEpochs = new(StringComparer.Ordinal);
    private long _nextPurgeTicks;

    /// <summary>How many entries the store holds, for tests of its bound.</summary>
    internal int Count => _revokedIds.Count + _subjectEpochs.Count;

    public ValueTask RevokeAsync(string tokenId, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(tokenId);
        cancellationToken.ThrowIfCancellationRequested();
        var now = timeProvider.GetUtcNow();

        // The validator accepts a token until exp + ClockSkew, so the entry must last as long: ending it at exp
        // would bring a revoked token back for the last ClockSkew of its life.
        var keepUntil = expiresAt + options.Value.ClockSkew;
        if (keepUntil > now)
        {
            _revokedIds.AddOrUpdate(tokenId, keepUntil, (_, existing) => existing > keepUntil ? existing : keepUntil);
        }

        PurgeIfDue(now);
        return ValueTask.CompletedTask;
    }

    public ValueTask RevokeAllAsync(string subject, DateTimeOffset issuedBefore, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(subject);
        cancellationToken.ThrowIfCancellationRequested();
        var epoch = issuedBefore.ToUnixTimeSeconds();

        // A later call never lowers the epoch: revocation only ever grows.
        _subjectEpochs.AddOrUpdate(subject, epoch, (_, existing) => Math.Max(existing, epoch));
        PurgeIfDue(timeProvider.GetUtcNow());
        return ValueTask.CompletedTask;
    }

    public ValueTask<PatRevocationStatus> CheckAsync(ValidatedPat pat, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pat);
        var revoked = _revokedIds.ContainsKey(pat.Id)
            || (_subjectEpochs.TryGetValue(pat.Subject, out var epoch) && pat.IssuedAt.ToUnixTimeSeconds() <= epoch);
        return new ValueTask<PatRevocationStatus>(revoked ? PatRevocationStatus.Revoked : PatRevocationStatus.NotRevoked);
    }

    private void PurgeIfDue(DateTimeOffset now)
    {
        var next = Interlocked.Read(ref _nextPurgeTicks);
        if (now.UtcTicks < next || Interlocked.CompareExchange(ref _nextPurgeTicks, (now + PurgeInterval).UtcTicks, next) != next)
        {
            return;
        }

        foreach (var (id, keepUntil) in _revokedIds)
        {
            if (keepUntil <= now)
            {
                _revokedIds.TryRemove(new KeyValuePair<string, DateTimeOffset>(id, keepUntil));
            }
        }

        // A subject epoch matters only while a token issued before it can still be alive, i.e. for MaxLifetime.
        // (The validator rejects any token whose exp − iat exceeds MaxLifetime, so none outlives this.)
        var oldestLiveIssue = (now - options.Value.MaxLifetime - options.Value.ClockSkew).ToUnixTimeSeconds();
        foreach (var (subject, epoch) in _subjectEpochs)
        {
            if (epoch < oldestLiveIssue)
            {
                _subjectEpochs.TryRemove(new KeyValuePair<string, long>(subject, epoch));
            }
        }
    }
}
