using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace PersonalAccessTokens.EntityFrameworkCore;

/// <summary>
/// Keeps this node's replica in step with <c>pat_revocations</c>: a full load before the host serves, then a poll
/// every <see cref="EntityFrameworkStoreOptions.RevocationPollInterval"/> for rows after the last settled sequence.
/// </summary>
/// <remarks>
/// Sequences are assigned at insert but become visible at commit, so a row can appear behind one already read. A row
/// is "settled" once it is older than the clock skew plus a margin: no earlier insert can still be in flight then.
/// Each poll re-reads the rows not yet settled, a few seconds' worth, and applies them again (applying is idempotent).
/// </remarks>
internal sealed class DatabaseRevocationReplicator(
    PatDbContextSource contexts,
    DatabaseRevocationReplica replica,
    IOptions<EntityFrameworkStoreOptions> options,
    IOptions<PersonalAccessTokenOptions> tokenOptions,
    TimeProvider timeProvider,
    ILoggerFactory? loggerFactory = null) : IHostedService, IDisposable
{
    private const int PageSize = 10_000;
    private static readonly TimeSpan SettleMargin = TimeSpan.FromSeconds(10);

    private readonly ILogger _logger = (ILogger?)loggerFactory?.CreateLogger<DatabaseRevocationReplicator>() ?? NullLogger.Instance;
    private readonly SemaphoreSlim _polling = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();
    private Task _loop = Task.CompletedTask;
    private long _settled;
    private DateTimeOffset _nextPurge;
    private int _polls;

    /// <summary>How many polls have finished, successful or not, for tests that wait for one.</summary>
    internal int Polls => Volatile.Read(ref _polls);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // Serve only once loaded; a database that is down leaves the replica unloaded, so checks fail closed until it is.
        await PollAsync(cancellationToken).ConfigureAwait(false);
        _loop = LoopAsync(_stopping.Token);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
    }

    public void Dispose()
    {
        _stopping.Dispose();
        _polling.Dispose();
    }

    /// <summary>Loads or catches up, once. Never throws: a failure is logged and counts towards staleness.</summary>
    internal async Task PollAsync(CancellationToken cancellationToken)
    {
        await _polling.WaitAsync(cancellationToken).ConfigureAwait(false);
        var now = timeProvider.GetUtcNow();
        replica.PollStarted(now);
        try
        {
            if (replica.IsLoaded)
            {
                await ReadChangesAsync(now, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await LoadAsync(now, cancellationToken).ConfigureAwait(false);
            }

            replica.PollSucceeded();
            await PurgeIfDueAsync(now, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            if (replica.PollFailed(now))
            {
                StoreLog.PollFailed(_logger, ex, options.Value.StalenessLimit);
            }
        }
        finally
        {
            Interlocked.Increment(ref _polls);
            _polling.Release();
        }
    }

    private async Task LoadAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var nowSeconds = now.ToUnixTimeSeconds();
        var settleBefore = SettleBefore(now);
        var builder = new PatRevocationList.Builder();
        long settled = 0;
        await using (var db = await contexts.CreateAsync(cancellationToken).ConfigureAwait(false))
        {
            await foreach (var row in db.Revocations.AsNoTracking().Where(r => r.KeepUntil > nowSeconds).AsAsyncEnumerable().WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                Add(builder, row);
                if (row.CreatedAt <= settleBefore && row.Sequence > settled)
                {
                    settled = row.Sequence;
                }
            }
        }

        replica.List.Replace(builder);
        replica.MarkLoaded();
        _settled = settled;
        StoreLog.Loaded(_logger, replica.List.Count);

        // Rows committed during the load, and those not settled yet, are read again at once.
        await ReadChangesAsync(now, cancellationToken).ConfigureAwait(false);
    }

    private async Task ReadChangesAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var settleBefore = SettleBefore(now);
        await using var db = await contexts.CreateAsync(cancellationToken).ConfigureAwait(false);

        // Paged by what was read; settled only up to the first row still young enough for an earlier one to be in flight.
        var cursor = _settled;
        var settling = true;
        while (true)
        {
            var from = cursor;
            var rows = await db.Revocations.AsNoTracking()
                .Where(r => r.Sequence > from)
                .OrderBy(r => r.Sequence)
                .Take(PageSize)
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            foreach (var row in rows)
            {
                Apply(row);
                cursor = row.Sequence;
                settling &= row.CreatedAt <= settleBefore;
                if (settling)
                {
                    _settled = row.Sequence;
                }
            }

            if (rows.Count < PageSize)
            {
                return;
            }
        }
    }

    private void Apply(PatRevocationRow row)
    {
        if (row.Kind == PatRevocationRow.TokenKind)
        {
            replica.List.AddToken(row.Key, row.Value);
        }
        else
        {
            replica.List.AddSubject(row.Key, row.Value);
        }
    }

    private static void Add(PatRevocationList.Builder builder, PatRevocationRow row)
    {
        if (row.Kind == PatRevocationRow.TokenKind)
        {
            builder.AddToken(Encoding.UTF8.GetBytes(row.Key), row.Value);
        }
        else
        {
            builder.AddSubject(row.Key, row.Value);
        }
    }

    /// <summary>Hourly, or when the recent additions grow: compacts the replica and deletes rows that can no longer matter.</summary>
    private async Task PurgeIfDueAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var list = replica.List;
        if (now < _nextPurge && list.RecentCount <= Math.Max(4096, (list.Count - list.RecentCount) / 8))
        {
            return;
        }

        _nextPurge = now + TimeSpan.FromHours(1);
        var skew = tokenOptions.Value.ClockSkew;
        list.Compact((now - skew).ToUnixTimeSeconds(), (now - tokenOptions.Value.MaxLifetime - skew).ToUnixTimeSeconds());

        // Settled rows only: a row the other nodes may not have read yet stays.
        var nowSeconds = now.ToUnixTimeSeconds();
        var settled = _settled;
        await using var db = await contexts.CreateAsync(cancellationToken).ConfigureAwait(false);
        await db.Revocations.Where(r => r.KeepUntil <= nowSeconds && r.Sequence <= settled).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
    }

    private long SettleBefore(DateTimeOffset now) => (now - tokenOptions.Value.ClockSkew - SettleMargin).UtcTicks;

    private async Task LoopAsync(CancellationToken stopping)
    {
        // A one-shot delay armed again after each poll: polls coalesce, never queue, however far a clock jumps.
        try
        {
            while (true)
            {
                await Task.Delay(options.Value.RevocationPollInterval, timeProvider, stopping).ConfigureAwait(false);
                await PollAsync(stopping).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopping.
        }
    }
}
