using Microsoft.Extensions.Options;

namespace PersonalAccessTokens;

/// <summary>
/// The default revocation store, for a single node: a <see cref="PatRevocationList"/>. Checks complete synchronously
/// and allocate nothing. Entries are purged once they can no longer matter, so the store holds at most the revoked
/// tokens still alive.
/// </summary>
internal sealed class InMemoryPatRevocationStore(TimeProvider timeProvider, IOptions<PersonalAccessTokenOptions> options) : IPatRevocationStore
{
    // Purging is a pass over the list, so it runs at most this often, on writes only; reads never pay for it.
    private static readonly TimeSpan PurgeInterval = TimeSpan.FromMinutes(1);

    private readonly PatRevocationList _list = new();
    private long _nextPurgeTicks;

    /// <summary>How many entries the store holds, for tests of its bound.</summary>
    internal int Count => _list.Count;

    public ValueTask RevokeAsync(string tokenId, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(tokenId);
        cancellationToken.ThrowIfCancellationRequested();
        var now = timeProvider.GetUtcNow();

        // The validator accepts a token until exp + ClockSkew, so the entry must last as long: ending it at exp
        // would bring a revoked token back for the last ClockSkew of its life.
        if (expiresAt + options.Value.ClockSkew > now)
        {
            _list.AddToken(tokenId, expiresAt.ToUnixTimeSeconds());
        }

        PurgeIfDue(now);
        return ValueTask.CompletedTask;
    }

    public ValueTask RevokeAllAsync(string subject, DateTimeOffset issuedAtOrBefore, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(subject);
        cancellationToken.ThrowIfCancellationRequested();

        // The list never moves an epoch back: revocation only ever grows.
        _list.AddSubject(subject, issuedAtOrBefore.ToUnixTimeSeconds());
        PurgeIfDue(timeProvider.GetUtcNow());
        return ValueTask.CompletedTask;
    }

    public ValueTask<PatRevocationStatus> CheckAsync(ValidatedPat pat, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pat);
        return new ValueTask<PatRevocationStatus>(_list.IsRevoked(pat) ? PatRevocationStatus.Revoked : PatRevocationStatus.NotRevoked);
    }

    private void PurgeIfDue(DateTimeOffset now)
    {
        var next = Interlocked.Read(ref _nextPurgeTicks);
        if (now.UtcTicks < next || Interlocked.CompareExchange(ref _nextPurgeTicks, (now + PurgeInterval).UtcTicks, next) != next)
        {
            return;
        }

        // A token's entry matters until exp + skew; a subject epoch while a token issued before it can still be
        // alive, i.e. for MaxLifetime (the validator rejects any token whose exp − iat exceeds it) plus the skew.
        var skew = options.Value.ClockSkew;
        _list.Compact((now - skew).ToUnixTimeSeconds(), (now - options.Value.MaxLifetime - skew).ToUnixTimeSeconds());
    }
}
