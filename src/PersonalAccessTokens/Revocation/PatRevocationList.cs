using System.Collections.Concurrent;

namespace PersonalAccessTokens;

/// <summary>
/// A revocation list in memory, for revocation stores to build on: revoked token ids with their expiry, and revoke-all
/// instants by subject. Lookups take no lock and allocate nothing, so <see cref="IPatRevocationStore.CheckAsync"/> can
/// answer from it on every validation. Times are Unix seconds, as in tokens.
/// </summary>
/// <remarks>
/// The entries live in a large immutable set (from the last <see cref="Replace"/> or <see cref="Compact"/>) plus the
/// additions since, in small concurrent maps. Token ids of this library's own format are kept as their 16 decoded
/// bytes, about 42 bytes of heap per revocation, so a node can hold millions. Writes are serialised; reads are not.
/// </remarks>
public sealed class PatRevocationList
{
    private readonly Lock _writeLock = new();
    private volatile State _state = new(RevocationSet.Empty);

    // Moves on after every token added and every replacement, once the entry is in: a derived token found clean at
    // one value needs no ancestor lookups while it holds, so a cached child costs what an ordinary token does.
    private long _tokenVersion;

    /// <summary>How many entries the list holds.</summary>
    public int Count
    {
        get
        {
            var state = _state;
            return state.Loaded.Count + state.RecentTokens.Count + state.RecentOtherTokens.Count + state.RecentSubjects.Count;
        }
    }

    /// <summary>How many entries were added since the last <see cref="Replace"/> or <see cref="Compact"/>; compact when it grows.</summary>
    public int RecentCount
    {
        get
        {
            var state = _state;
            return state.RecentTokens.Count + state.RecentOtherTokens.Count + state.RecentSubjects.Count;
        }
    }

    /// <summary>Adds a revoked token, keeping the later expiry if it is there already.</summary>
    /// <param name="tokenId">The token's id.</param>
    /// <param name="expiresAt">Its <c>exp</c>, in Unix seconds.</param>
    public void AddToken(string tokenId, long expiresAt)
    {
        ArgumentNullException.ThrowIfNull(tokenId);
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
            Interlocked.Increment(ref _tokenVersion);
        }
    }

    /// <summary>Adds a revoke-all: every token of <paramref name="subject"/> issued at or before the instant. Never moves back.</summary>
    /// <param name="subject">The user.</param>
    /// <param name="issuedAtOrBefore">The instant, in Unix seconds.</param>
    public void AddSubject(string subject, long issuedAtOrBefore)
    {
        ArgumentNullException.ThrowIfNull(subject);
        lock (_writeLock)
        {
            var state = _state;
            state.RecentSubjects.AddOrUpdate(subject, issuedAtOrBefore, (_, existing) => Math.Max(existing, issuedAtOrBefore));
            state.RecentSubjectCount = state.RecentSubjects.Count;
        }
    }

    /// <summary>
    /// Whether the token, one of its ancestors, or every token of its subject up to its issue, is revoked. Empty
    /// parts are skipped; an ordinary token has no ancestors to look up.
    /// </summary>
    /// <param name="pat">A token that passed every other rule.</param>
    public bool IsRevoked(ValidatedPat pat)
    {
        ArgumentNullException.ThrowIfNull(pat);

        // The version before the state: an entry added after this read moves it on, so a clean answer given against
        // an older state is never taken for a newer one.
        var version = Volatile.Read(ref _tokenVersion);
        var state = _state;
        return IsTokenRevoked(state, pat.Id)
            || IsSubjectRevoked(state, pat.Subject, pat.IssuedAt.ToUnixTimeSeconds())
            || (pat.AncestorLookups.Length > 0 && IsAnyAncestorRevoked(state, pat, version));
    }

    /// <summary>Whether the token itself is revoked, leaving revoke-all aside.</summary>
    /// <param name="tokenId">The token's id.</param>
    public bool IsTokenRevoked(string tokenId)
    {
        ArgumentNullException.ThrowIfNull(tokenId);
        return IsTokenRevoked(_state, tokenId);
    }

    /// <summary>
    /// Replaces everything with a full load, for a store that reloads its source. Additions made meanwhile are
    /// dropped: the store replays its changes after the load.
    /// </summary>
    /// <param name="loaded">The entries, collected off the lock.</param>
    public void Replace(Builder loaded)
    {
        ArgumentNullException.ThrowIfNull(loaded);
        var set = loaded.Build();
        lock (_writeLock)
        {
            _state = new State(set);
            Interlocked.Increment(ref _tokenVersion);
        }
    }

    /// <summary>
    /// Folds the recent additions into a new immutable set and drops what can no longer matter: tokens whose expiry is
    /// before <paramref name="tokensFrom"/> (now less the clock skew), revoke-alls before <paramref name="subjectsFrom"/>
    /// (now less the longest lifetime and the skew). Both in Unix seconds. Costs a pass over the list; writes wait.
    /// </summary>
    /// <param name="tokensFrom">Tokens that expired before this are dropped.</param>
    /// <param name="subjectsFrom">Revoke-all instants before this are dropped.</param>
    public void Compact(long tokensFrom, long subjectsFrom)
    {
        lock (_writeLock)
        {
            var state = _state;
            var builder = new Builder(state.Loaded.Tokens.Count + state.RecentTokens.Count);
            foreach (var (key, exp) in state.Loaded.Tokens.Concat(state.RecentTokens))
            {
                if (exp >= tokensFrom)
                {
                    builder.Inner.AddToken(key, exp);
                }
            }

            foreach (var (id, exp) in state.Loaded.OtherTokens.Concat(state.RecentOtherTokens))
            {
                if (exp >= tokensFrom)
                {
                    builder.Inner.AddOtherToken(id, exp);
                }
            }

            foreach (var (subject, epoch) in state.Loaded.Subjects.Concat(state.RecentSubjects))
            {
                if (epoch >= subjectsFrom)
                {
                    builder.Inner.AddSubject(subject, epoch);
                }
            }

            _state = new State(builder.Build());
        }
    }

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

    // A derived token dies with any ancestor: each costs one lookup of a key parsed when the token verified, and
    // none while no token has been revoked since the token was last found clean.
    private bool IsAnyAncestorRevoked(State state, ValidatedPat pat, long version)
    {
        if (pat.AncestorsCleanAt is { } clean && clean.Version == version && ReferenceEquals(clean.List, this))
        {
            return false;
        }

        var loaded = state.Loaded;
        if (loaded.Tokens.Count + loaded.OtherTokens.Count + state.RecentTokenCount == 0)
        {
            pat.AncestorsCleanAt = new AncestorCheck(this, version);
            return false;
        }

        foreach (var ancestor in pat.AncestorLookups)
        {
            var revoked = ancestor.IsOurFormat
                ? loaded.Tokens.ContainsKey(ancestor.Key) || (state.RecentTokenCount > 0 && state.RecentTokens.ContainsKey(ancestor.Key))
                : loaded.OtherTokens.ContainsKey(ancestor.OtherId) || (state.RecentTokenCount > 0 && state.RecentOtherTokens.ContainsKey(ancestor.OtherId));
            if (revoked)
            {
                return true;
            }
        }

        pat.AncestorsCleanAt = new AncestorCheck(this, version);
        return false;
    }

    private static bool IsSubjectRevoked(State state, string subject, long issuedAt) =>
        (state.Loaded.Subjects.Count > 0 && state.Loaded.Subjects.TryGetValue(subject, out var epoch) && issuedAt <= epoch)
        || (state.RecentSubjectCount > 0 && state.RecentSubjects.TryGetValue(subject, out var recent) && issuedAt <= recent);

    /// <summary>When a derived token's ancestors were last found not revoked: by which list, at which version.</summary>
    internal sealed record AncestorCheck(PatRevocationList List, long Version);

    /// <summary>Collects a full load off the list's lock, in the compact form, for <see cref="Replace"/>.</summary>
    /// <param name="capacity">The expected number of token entries, to size the table once.</param>
    public sealed class Builder(int capacity = 0)
    {
        internal RevocationSet.Builder Inner { get; } = new(capacity);

        /// <summary>Adds a revoked token; a repeated id keeps the later expiry.</summary>
        /// <param name="tokenId">The token's id.</param>
        /// <param name="expiresAt">Its <c>exp</c>, in Unix seconds.</param>
        public void AddToken(string tokenId, long expiresAt)
        {
            ArgumentNullException.ThrowIfNull(tokenId);
            Inner.AddToken(tokenId, expiresAt);
        }

        /// <summary>Adds a revoked token from its id's UTF-8, as a database or Redis returns it: ids of our format need no string.</summary>
        /// <param name="utf8TokenId">The token's id, UTF-8.</param>
        /// <param name="expiresAt">Its <c>exp</c>, in Unix seconds.</param>
        public void AddToken(ReadOnlySpan<byte> utf8TokenId, long expiresAt)
        {
            if (TokenKey.TryParse(utf8TokenId, out var key))
            {
                Inner.AddToken(key, expiresAt);
            }
            else
            {
                Inner.AddOtherToken(System.Text.Encoding.UTF8.GetString(utf8TokenId), expiresAt);
            }
        }

        /// <summary>Adds a revoke-all; a repeated subject keeps the later instant.</summary>
        /// <param name="subject">The user.</param>
        /// <param name="issuedAtOrBefore">The instant, in Unix seconds.</param>
        public void AddSubject(string subject, long issuedAtOrBefore)
        {
            ArgumentNullException.ThrowIfNull(subject);
            Inner.AddSubject(subject, issuedAtOrBefore);
        }

        internal RevocationSet Build() => Inner.Build();
    }

    /// <summary>One generation: swapped whole, so a reader sees the loaded set and the additions that belong to it.</summary>
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
