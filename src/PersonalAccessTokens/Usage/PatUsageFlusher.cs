using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace PersonalAccessTokens;

/// <summary>
/// Writes recorded uses to the record store every <see cref="PersonalAccessTokenOptions.UsageFlushInterval"/>, and once
/// more when the host stops, so a graceful shutdown loses no usage. A failed write keeps the uses for the next one.
/// </summary>
internal sealed class PatUsageFlusher(
    PatUsageRecorder recorder,
    IPatRecordStore records,
    IOptions<PersonalAccessTokenOptions> options,
    TimeProvider timeProvider,
    ILoggerFactory? loggerFactory = null) : PeriodicJob(options.Value.UsageFlushInterval, timeProvider)
{
    // Optional, as everywhere in the core: a host without logging still works.
    private readonly ILogger _logger = (ILogger?)loggerFactory?.CreateLogger<PatUsageFlusher>() ?? NullLogger.Instance;

    protected override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        var usages = recorder.Drain(Clock.GetUtcNow());
        if (usages.Count == 0)
        {
            return;
        }

        try
        {
            await records.RecordUsageAsync(usages, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            recorder.Restore(usages);
            PatLifecycleLog.UsageFlushFailed(_logger, ex, usages.Count);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        await RunOnceAsync(cancellationToken).ConfigureAwait(false);
    }
}
