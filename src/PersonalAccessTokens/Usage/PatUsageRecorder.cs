using System.Collections.Concurrent;
using System.Net;

namespace PersonalAccessTokens;

/// <summary>
/// The last use of each token, in memory, until the flusher takes it. A token used a million times between flushes
/// is one entry, holding its last use. On a warm validation recording is two field writes: the validated token,
/// cached with its verification, keeps its slot.
/// </summary>
internal sealed class PatUsageRecorder : IPatUsageRecorder
{
    private readonly ConcurrentDictionary<string, UsageSlot> _slots = new(StringComparer.Ordinal);

    public int Count => _slots.Count;

    public void RecordUse(ValidatedPat pat, DateTimeOffset at) => SlotOf(pat).Touch(at.UtcTicks);

    public void RecordClientAddress(ValidatedPat pat, IPAddress? clientAddress)
    {
        ArgumentNullException.ThrowIfNull(pat);
        SlotOf(pat).SetAddress(clientAddress);
    }

    /// <summary>Takes every use recorded since the last call, and forgets tokens that have expired.</summary>
    public List<PatUsage> Drain(DateTimeOffset now)
    {
        var usages = new List<PatUsage>();
        foreach (var (id, slot) in _slots)
        {
            if (slot.TryTake(out var usage))
            {
                usages.Add(usage);
            }
            else if (slot.ExpiresAt <= now)
            {
                _slots.TryRemove(new KeyValuePair<string, UsageSlot>(id, slot));
            }
        }

        return usages;
    }

    /// <summary>Puts back uses a failed flush could not write, unless newer ones arrived meanwhile.</summary>
    public void Restore(IEnumerable<PatUsage> usages)
    {
        foreach (var usage in usages)
        {
            if (_slots.TryGetValue(usage.TokenId, out var slot))
            {
                slot.Touch(usage.LastUsedAt.UtcTicks);
            }
        }
    }

    private UsageSlot SlotOf(ValidatedPat pat) =>
        pat.UsageSlot ??= _slots.GetOrAdd(pat.Id, static (id, expiresAt) => new UsageSlot(id, expiresAt), pat.ExpiresAt);
}

/// <summary>One token's last use. Written by many request threads, read by the flusher; the last write wins.</summary>
internal sealed class UsageSlot(string tokenId, DateTimeOffset expiresAt)
{
    private long _lastUsedTicks;
    private int _pending;
    private IPAddress? _address;
    private string? _addressText;

    public DateTimeOffset ExpiresAt { get; } = expiresAt;

    public void Touch(long ticks)
    {
        if (ticks > Volatile.Read(ref _lastUsedTicks))
        {
            Volatile.Write(ref _lastUsedTicks, ticks);
        }

        if (Volatile.Read(ref _pending) == 0)
        {
            Volatile.Write(ref _pending, 1);
        }
    }

    public void SetAddress(IPAddress? address)
    {
        // Formatted only when it changes: the same client on every request costs no allocation.
        if (!Equals(Volatile.Read(ref _address), address))
        {
            Volatile.Write(ref _addressText, address?.ToString());
            Volatile.Write(ref _address, address);
        }
    }

    public bool TryTake(out PatUsage usage)
    {
        usage = default;
        if (Interlocked.Exchange(ref _pending, 0) == 0)
        {
            return false;
        }

        usage = new PatUsage(tokenId, new DateTimeOffset(Volatile.Read(ref _lastUsedTicks), TimeSpan.Zero), Volatile.Read(ref _addressText));
        return true;
    }
}
