using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace PersonalAccessTokens;

/// <summary>
/// Hourly, and once at start: purges records past their retention, then sends the expiry notices that are due.
/// A notice is claimed in the store before the notifier runs, so a restart or a second node never sends it twice.
/// </summary>
internal sealed class PatRecordMaintenance(
    IPatRecordStore records,
    IEnumerable<IPatExpiryNotifier> notifiers,
    IOptions<PersonalAccessTokenOptions> options,
    TimeProvider timeProvider,
    ILoggerFactory? loggerFactory = null) : PeriodicJob(TimeSpan.FromHours(1), timeProvider)
{
    // Optional, as everywhere in the core: a host without logging still works.
    private readonly ILogger _logger = (ILogger?)loggerFactory?.CreateLogger<PatRecordMaintenance>() ?? NullLogger.Instance;

    private readonly IPatExpiryNotifier[] _notifiers = [.. notifiers];

    protected override bool RunsAtStart => true;

    protected override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        try
        {
            var now = Clock.GetUtcNow();
            await records.PurgeAsync(now - options.Value.RecordRetention, now, cancellationToken).ConfigureAwait(false);
            if (_notifiers.Length > 0)
            {
                await NotifyAsync(now, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            PatLifecycleLog.MaintenanceFailed(_logger, ex);
        }
    }

    /// <summary>Each active token expiring within a window gets the notice of the narrowest window it is in, once.</summary>
    internal async Task NotifyAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var windows = ((IEnumerable<TimeSpan>?)options.Value.ExpiryNoticeWindows ?? PersonalAccessTokenDefaults.ExpiryNoticeWindows).Distinct().Order().ToArray();
        if (windows.Length == 0)
        {
            return;
        }

        foreach (var token in await records.ListExpiringAsync(now, now + windows[^1], cancellationToken).ConfigureAwait(false))
        {
            var narrowest = Array.Find(windows, w => token.ExpiresAt < now + w);

            // The wider windows are claimed too, without a notice: "expires within 7 days" after "expires tomorrow"
            // would be wrong, and a token issued with a day to live needs only the one.
            foreach (var window in windows.Where(w => w > narrowest))
            {
                await records.TryClaimExpiryNoticeAsync(token.Id, window, cancellationToken).ConfigureAwait(false);
            }

            if (!await records.TryClaimExpiryNoticeAsync(token.Id, narrowest, cancellationToken).ConfigureAwait(false))
            {
                continue;
            }

            foreach (var notifier in _notifiers)
            {
                try
                {
                    await notifier.NotifyAsync(new PatExpiryNotice(token, narrowest), cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    PatLifecycleLog.NotifierFailed(_logger, ex, token.Id, narrowest);
                }
            }
        }
    }
}
