using System.Collections.Concurrent;

namespace PersonalAccessTokens.Redis;

/// <summary>
/// A node's in-memory copy of the revocation list, and how fresh it is. Reads take no lock and make no call.
/// Entries only ever grow (a revocation is never undone) until they expire.
/// </summary>
internal sealed class RevocationReplica
{
    private const long Fresh = long.MaxValue;

    private readonly ConcurrentDictionary<string, long> _tokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _subjects = new(StringComparer.Ordinal);

    // UTC ticks since the replica may have missed something; Fresh while connected and synchronised.
    // It starts stale: until the first load, the replica knows nothing.
    private long _staleSinceTicks = DateTimeOffset.MinValue.UtcTicks;

    public int Count => _tokens.Count + _subjects.Count;

    public bool IsFresh => Interlocked.Read(ref _staleSinceTicks) == Fresh;

    /// <summary>How long the replica has been stale at <paramref name="now"/>; zero when fresh.</summary>
    public TimeSpan StalenessAt(DateTimeOffset now)
    {
        var since = Interlocked.Read(ref _staleSinceTicks);
        return since == Fresh ? TimeSpan.Zero : TimeSpan.FromTicks(Math.Max(0, now.UtcTicks - since));
    }

    /// <summary>Marks the replica stale from <paramref name="now"/>, unless it is stale already (the earlier instant counts).</summary>
    public bool MarkStale(DateTimeOffset now) => Interlocked.CompareExchange(ref _staleSinceTicks, now.UtcTicks, Fresh) == Fresh;

    public void MarkFresh() => Interlocked.Exchange(ref _staleSinceTicks, Fresh);

    public void AddToken(string tokenId, long expiresAt) =>
        _tokens.AddOrUpdate(tokenId, expiresAt, (_, existing) => Math.Max(existing, expiresAt));

    public void AddSubject(string subject, long issuedBefore) =>
        _subjects.AddOrUpdate(subject, issuedBefore, (_, existing) => Math.Max(existing, issuedBefore));

    public bool IsRevoked(ValidatedPat pat) =>
        _tokens.ContainsKey(pat.Id)
        || (_subjects.TryGetValue(pat.Subject, out var epoch) && pat.IssuedAt.ToUnixTimeSeconds() <= epoch);

    /// <summary>Drops entries that can no longer matter, as Redis drops their keys.</summary>
    public void Purge(DateTimeOffset now, TimeSpan subjectRetention)
    {
        var seconds = now.ToUnixTimeSeconds();
        foreach (var (id, expiresAt) in _tokens)
        {
            if (expiresAt <= seconds)
            {
                _tokens.TryRemove(new KeyValuePair<string, long>(id, expiresAt));
            }
        }

        var oldest = (now - subjectRetention).ToUnixTimeSeconds();
        foreach (var (subject, epoch) in _subjects)
        {
            if (epoch < oldest)
            {
                _subjects.TryRemove(new KeyValuePair<string, long>(subject, epoch));
            }
        }
    }
}
