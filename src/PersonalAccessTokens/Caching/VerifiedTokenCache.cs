using System.Collections.Concurrent;

namespace PersonalAccessTokens;

/// <summary>
/// Remembers tokens that verified, keyed by the entire token string: a valid signature under a changed header
/// or payload is a different key, so it misses and is verified in full. Only successes are stored, so invalid
/// input cannot fill it.
/// </summary>
/// <remarks>
/// Two generations bound it: entries go to the current one, and when that holds half the capacity it becomes
/// the previous one and the old previous one is dropped whole. Eviction is O(1), approximates LRU (a hit in the
/// previous generation moves the entry forward), and reads take no lock.
/// </remarks>
internal sealed class VerifiedTokenCache(int capacity, TimeProvider timeProvider)
{
    // Expired entries are never served; a sweep at most this often also frees their memory.
    private static readonly TimeSpan SweepInterval = TimeSpan.FromMinutes(1);

    private readonly int _generationSize = Math.Max(1, capacity / 2);
    private readonly Lock _rotation = new();
    private volatile Generation _current = new();
    private volatile Generation _previous = new();
    private long _nextSweepTicks;

    public int Count => _current.Entries.Count + _previous.Entries.Count;

    /// <summary>
    /// Finds a token by its characters, wherever they lie: a token still inside a larger text (an Authorization
    /// header) is looked up without copying it out. <paramref name="text"/> is the cached string equal to it.
    /// </summary>
    public bool TryGet(ReadOnlySpan<char> token, out string text, out VerifiedToken verified)
    {
        if (_current.Text.TryGetValue(token, out text!, out verified!))
        {
            return true;
        }

        if (_previous.Text.TryGetValue(token, out text!, out verified!))
        {
            Add(text, verified);
            return true;
        }

        return false;
    }

    public void Add(string token, VerifiedToken verified)
    {
        var current = _current;
        if (!current.Entries.TryAdd(token, verified))
        {
            // Verified again after a key-ring change: replace the stale entry, or every later hit would miss.
            current.Entries[token] = verified;
        }
        else if (Interlocked.Increment(ref current.Count) >= _generationSize)
        {
            Rotate(current);
        }

        SweepIfDue();
    }

    /// <summary>Forgets a token that can no longer succeed (expired, revoked, its key retired).</summary>
    public void Remove(string token, VerifiedToken verified)
    {
        var entry = new KeyValuePair<string, VerifiedToken>(token, verified);
        _current.Entries.TryRemove(entry);
        _previous.Entries.TryRemove(entry);
    }

    private void Rotate(Generation full)
    {
        lock (_rotation)
        {
            // Another thread may have rotated already.
            if (ReferenceEquals(_current, full))
            {
                _previous = full;
                _current = new Generation();
            }
        }
    }

    private void SweepIfDue()
    {
        var now = timeProvider.GetUtcNow();
        var next = Interlocked.Read(ref _nextSweepTicks);
        if (now.UtcTicks < next || Interlocked.CompareExchange(ref _nextSweepTicks, (now + SweepInterval).UtcTicks, next) != next)
        {
            return;
        }

        foreach (var generation in (ReadOnlySpan<Generation>)[_current, _previous])
        {
            foreach (var entry in generation.Entries)
            {
                if (entry.Value.Pat.ExpiresAt <= now)
                {
                    generation.Entries.TryRemove(entry);
                }
            }
        }
    }

    private sealed class Generation
    {
        // Hashed by the signature's tail, compared in full. Only tokens that verified are ever added, so an attacker
        // cannot flood a bucket.
        public readonly ConcurrentDictionary<string, VerifiedToken> Entries;

        /// <summary>The same entries, looked up by characters anywhere in memory.</summary>
        public readonly ConcurrentDictionary<string, VerifiedToken>.AlternateLookup<ReadOnlySpan<char>> Text;

        public int Count;

        public Generation()
        {
            Entries = new ConcurrentDictionary<string, VerifiedToken>(TokenSignatureComparer.Instance);
            Text = Entries.GetAlternateLookup<ReadOnlySpan<char>>();
        }
    }
}
