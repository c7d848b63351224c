using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace PersonalAccessTokens;

/// <summary>
/// GitLab's automatic reuse detection: a token rotated away is used again only by someone who copied it, so its whole
/// family, the live successor included, is revoked. Runs only when validation already found the token revoked,
/// which is the one path that may touch the record store.
/// </summary>
internal sealed class ReuseDetector(
    IPatRecordStore records,
    IPatRevocationStore revocations,
    IEnumerable<IPatReuseObserver> observers,
    TimeProvider timeProvider,
    ILoggerFactory? loggerFactory = null)
{
    // Optional, as everywhere in the core: a host without logging still works.
    private readonly ILogger _logger = (ILogger?)loggerFactory?.CreateLogger<ReuseDetector>() ?? NullLogger.Instance;

    // A revoked token presented again and again must not cost a query each time: each id is examined once, and the
    // memory of that is dropped whole when it grows past the bound (an id examined twice costs one query more).
    private const int Remembered = 10_000;
    private readonly ConcurrentDictionary<string, byte> _examined = new(StringComparer.Ordinal);

    /// <summary>Examines a token found revoked. Never throws: the token is refused whatever happens here.</summary>
    public async ValueTask ExamineAsync(ValidatedPat pat, CancellationToken cancellationToken)
    {
        if (_examined.Count >= Remembered)
        {
            _examined.Clear();
        }

        if (!_examined.TryAdd(pat.Id, 0))
        {
            return;
        }

        try
        {
            var record = await records.FindAsync(pat.Id, cancellationToken).ConfigureAwait(false);
            if (record?.RevocationReason != PatRevocationReason.Rotated)
            {
                return;
            }

            // The records first, so anyone who lists the family sees why before the tokens stop working.
            var now = timeProvider.GetUtcNow();
            var family = await records.RevokeFamilyAsync(record.FamilyId, now, PatRevocationReason.ReuseDetected, cancellationToken).ConfigureAwait(false);
            foreach (var member in family)
            {
                await revocations.RevokeAsync(member.Id, member.ExpiresAt, cancellationToken).ConfigureAwait(false);
            }

            await DescendantRecords.MarkRevokedAsync(records, record.Subject, [.. family.Select(m => m.Id)], now, _logger, cancellationToken).ConfigureAwait(false);

            PatLifecycleLog.ReuseDetected(_logger, record.Id, record.FamilyId, record.Subject);
            foreach (var observer in observers)
            {
                try
                {
                    await observer.OnReuseDetectedAsync(record, family, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    PatLifecycleLog.ObserverFailed(_logger, ex, record.FamilyId);
                }
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Forget it, so the next presentation tries again.
            _examined.TryRemove(pat.Id, out _);
            PatLifecycleLog.ReuseDetectionFailed(_logger, ex, pat.Id);
        }
    }
}
