using Microsoft.Extensions.Hosting;

namespace PersonalAccessTokens;

/// <summary>
/// A job that runs every period on <see cref="TimeProvider"/> timers, one run at a time. Ticks coalesce: one that
/// would arrive while a run is in progress is never queued, so a clock that jumps a month costs one run, not a million.
/// </summary>
internal abstract class PeriodicJob(TimeSpan period, TimeProvider timeProvider) : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private Task _loop = Task.CompletedTask;

    /// <summary>The clock the job's timer runs on.</summary>
    protected TimeProvider Clock { get; } = timeProvider;

    /// <summary>Whether to run once at start, before the first period ends.</summary>
    protected virtual bool RunsAtStart => false;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (RunsAtStart)
        {
            await RunOnceAsync(cancellationToken).ConfigureAwait(false);
        }

        _loop = LoopAsync(_stopping.Token);
    }

    public virtual async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
    }

    public void Dispose() => _stopping.Dispose();

    /// <summary>One run. Exceptions other than cancellation are the job's to catch and log.</summary>
    protected abstract Task RunOnceAsync(CancellationToken cancellationToken);

    private async Task LoopAsync(CancellationToken stopping)
    {
        // A one-shot delay, armed again only after each run: a tick can never queue behind a run. (PeriodicTimer would
        // hold one pending tick, but FakeTimeProvider.Advance fires it once per elapsed period, a million times a month.)
        try
        {
            while (true)
            {
                await Task.Delay(period, Clock, stopping).ConfigureAwait(false);
                await RunOnceAsync(stopping).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopping.
        }
    }
}
