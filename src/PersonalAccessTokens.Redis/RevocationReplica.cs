using System.Collections.Concurrent;

namespace PersonalAccessTokens.Redis;

/// <summary>
/// A node's in-memory copy of the revocation list, and how fresh it is. Reads take no lock and make no call.
/// The list is a large immutable <see cref="RevocationSet"/>, from the last full load or compaction, plus the changes
/// since, in small concurrent maps. A full load replaces both: nothing outlives a reload that Redis no longer holds.
/// </summary>
internal sealed class RevocationReplica
{
    private const long Fresh = long.MaxValue;

    private readonly Lock _writeLock = new();
    private volatile State _state = new(RevocationSet.Empty);

    // UTC ticks since the replica may have missed something; Fresh while connected and synchronised.
    // It starts stale: until the first load, the replica knows nothing.
    private long _staleSinceTicks = DateTimeOffset.MinValue.UtcTicks;

    public int Count
    {
        get
        {
            var state = _state;
            return state.Loaded.Count + state.RecentTokens.Count + state.RecentOtherTokens.Count + state.RecentSubjects.Count;
        }
    }

    /// <summary>How many entries arrived since the last full load or compaction.</summary>
    public int RecentCount
    {
        get
        {
            var state = _state;
            return state.RecentTokens.Count + state.RecentOtherTokens.Count + state.RecentSubjects.Count;
        }
    }

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

    public void AddToken(string tokenId, long expiresAt)
    {
        lock (_writeLock)
        {
            var state = _state;
            if (TokenKey.TryParse(tokenId, out var key))
            {
                state.RecentTokens.AddOrUpdate(key, expiresAt, (_, existing) => Math.Max(existing, expiresAt));
            }
            else
            {
                state.RecentOtherTokens.AddOrUpdate(tokenId, expiresAt, (_, existing) => Math.Max(existing, expiresAt));
            }

            state.RecentTokenCount = state.RecentTokens.Count + state.RecentOtherTokens.Count; // Set after the entry is in.
        }
    }

    public void AddSubject(string subject, long issuedBefore)
    {
        lock (_writeLock)
        {
            var state = _state;
            state.RecentSubjects.AddOrUpdate(subject, issuedBefore, (_, existing) => Math.Max(existing, issuedBefore));
            state.RecentSubjectCount = state.RecentSubjects.Count;
        }
    }

    /// <summary>On every validation: empty maps are skipped, since a lookup hashes the key even in an empty one.</summary>
    public bool IsRevoked(ValidatedPat pat)
    {
        var state = _state;
        return IsTokenRevoked(state, pat.Id) || IsSubjectRevoked(state, pat.Subject, pat.IssuedAt.ToUnixTimeSeconds());
    }

    /// <summary>Whether the token itself is revoked.</summary>
    public bool IsTokenRevoked(string tokenId) => IsTokenRevoked(_state, tokenId);

    private static bool IsTokenRevoked(State state, string tokenId)
    {
        var loaded = state.Loaded;
        if (loaded.Tokens.Count + loaded.OtherTokens.Count + state.RecentTokenCount == 0)
        {
            return false;
        }

        return TokenKey.TryParse(tokenId, out var key)
            ? loaded.Tokens.ContainsKey(key) || (state.RecentTokenCount > 0 && state.RecentTokens.ContainsKey(key))
            : loaded.OtherTokens.ContainsKey(tokenId) || (state.RecentTokenCount > 0 && state.RecentOtherTokens.ContainsKey(tokenId));
    }

    private static bool IsSubjectRevoked(State state, string subject, long issuedAt) =>
        (state.Loaded.Subjects.Count > 0 && state.Loaded.Subjects.TryGetValue(subject, out var epoch) && issuedAt <= epoch)
        || (state.RecentSubjectCount > 0 && state.RecentSubjects.TryGetValue(subject, out var recent) && issuedAt <= recent);

    /// <summary>Replaces everything with a full load. Changes applied meanwhile are dropped: the caller replays the log after it.</summary>
    public void Replace(RevocationSet loaded)
    {
        lock (_writeLock)
        {
            _state = new State(loaded);
        }
    }

    /// <summary>
    /// Folds the recent changes into a new immutable set and drops what can no longer matter: tokens whose
    /// <c>exp</c> is before <paramref name="tokensFrom"/>, epochs before <paramref name="subjectsFrom"/>.
    /// </summary>
    public void Compact(long tokensFrom, long subjectsFrom)
    {
        lock (_writeLock)
        {
            var state = _state;
            var builder = new RevocationSet.Builder(state.Loaded.Tokens.Count + state.RecentTokens.Count);
            foreach (var (key, exp) in state.Loaded.Tokens.Concat(state.RecentTokens))
            {
                if (exp >= tokensFrom)
                {
                    builder.AddToken(key, exp);
                }
            }

            foreach (var (id, exp) in state.Loaded.OtherTokens.Concat(state.RecentOtherTokens))
            {
                if (exp >= tokensFrom)
                {
                    builder.AddOtherToken(id, exp);
                }
            }

            foreach (var (subject, epoch) in state.Loaded.Subjects.Concat(state.RecentSubjects))
            {
                if (epoch >= subjectsFrom)
                {
                    builder.AddSubject(subject, epoch);
                }
            }

            _state = new State(builder.Build());
        }
    }

    /// <summary>One generation: swapped whole, so a reader sees the loaded set and the changes that belong to it.</summary>
    private sealed class State(RevocationSet loaded)
    {
        public RevocationSet Loaded { get; } = loaded;

        public ConcurrentDictionary<TokenKey, long> RecentTokens { get; } = new();

        public ConcurrentDictionary<string, long> RecentOtherTokens { get; } = new(StringComparer.Ordinal);

        public ConcurrentDictionary<string, long> RecentSubjects { get; } = new(StringComparer.Ordinal);

        // Written under the write lock once an entry is in, read without it: ConcurrentDictionary's own Count and
        // IsEmpty take locks or walk buckets, too slow for every validation.
        public volatile int RecentTokenCount;

        public volatile int RecentSubjectCount;
    }
}
