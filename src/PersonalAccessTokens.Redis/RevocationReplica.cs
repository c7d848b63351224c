namespace PersonalAccessTokens.Redis;

/// <summary>
/// A node's in-memory copy of the revocation list, and how fresh it is. Reads take no lock and make no call.
/// A full load replaces the whole list: nothing outlives a reload that Redis no longer holds.
/// </summary>
internal sealed class RevocationReplica
{
    private const long Fresh = long.MaxValue;

    // UTC ticks since the replica may have missed something; Fresh while connected and synchronised.
    // It starts stale: until the first load, the replica knows nothing.
    private long _staleSinceTicks = DateTimeOffset.MinValue.UtcTicks;

    /// <summary>The entries themselves: the list type every store of this library shares.</summary>
    public PatRevocationList List { get; } = new();

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
}
