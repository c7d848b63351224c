namespace PersonalAccessTokens.EntityFrameworkCore;

/// <summary>
/// This node's copy of the database's revocation list, and how far it can be trusted. Staleness counts from the
/// first failed poll, or from the start of a poll still unfinished: a clock jump while polls succeed is never stale.
/// </summary>
internal sealed class DatabaseRevocationReplica
{
    private const long None = long.MinValue;

    private long _failingSinceTicks = None;
    private long _pollStartedTicks = None;
    private volatile bool _loaded;

    public PatRevocationList List { get; } = new();

    public bool IsLoaded => _loaded;

    public void MarkLoaded() => _loaded = true;

    public void PollStarted(DateTimeOffset now) => Interlocked.Exchange(ref _pollStartedTicks, now.UtcTicks);

    public void PollSucceeded()
    {
        Interlocked.Exchange(ref _pollStartedTicks, None);
        Interlocked.Exchange(ref _failingSinceTicks, None);
    }

    /// <summary>Records a failed poll; true if it is the first of a run of failures.</summary>
    public bool PollFailed(DateTimeOffset now)
    {
        Interlocked.Exchange(ref _pollStartedTicks, None);
        return Interlocked.CompareExchange(ref _failingSinceTicks, now.UtcTicks, None) == None;
    }

    /// <summary>Whether staleness needs the clock at all: false while loaded and between healthy polls, the usual case.</summary>
    public bool MayBeStale =>
        !_loaded || Interlocked.Read(ref _failingSinceTicks) != None || Interlocked.Read(ref _pollStartedTicks) != None;

    /// <summary>Whether the replica can no longer vouch for a token at <paramref name="now"/>.</summary>
    public bool IsStaleAt(DateTimeOffset now, TimeSpan limit)
    {
        if (!_loaded)
        {
            return true;
        }

        var failing = Interlocked.Read(ref _failingSinceTicks);
        var polling = Interlocked.Read(ref _pollStartedTicks);
        return (failing != None && now.UtcTicks - failing > limit.Ticks) || (polling != None && now.UtcTicks - polling > limit.Ticks);
    }
}
