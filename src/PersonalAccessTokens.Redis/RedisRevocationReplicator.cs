using System.Buffers;
using System.Text;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace PersonalAccessTokens.Redis;

/// <summary>
/// Keeps this node's replica in step with Redis, at a cost that follows the changes, not the size of the list:
/// <list type="bullet">
/// <item>at start-up, and only when the change log no longer reaches back to where this node stopped, a full load
/// reads the store's two sorted sets (never the keyspace) into a new replica;</item>
/// <item>after that, a catch-up reads the change log after the last entry applied: on every pub/sub wake-up, after a
/// reconnect, and every <see cref="RedisRevocationOptions.CatchUpInterval"/> in case a wake-up was lost (pub/sub
/// delivers at most once). With nothing new it is one O(1) command.</item>
/// </list>
/// Every failure is logged and leaves the replica stale; the node keeps serving by its outage rule.
/// </summary>
internal sealed class RedisRevocationReplicator(
    RevocationReplica replica,
    RedisConnection connection,
    RedisKeys keys,
    IOptions<RedisRevocationOptions> options,
    IOptions<PersonalAccessTokenOptions> tokenOptions,
    TimeProvider timeProvider,
    ILogger<RedisRevocationReplicator> logger) : IHostedService, IDisposable
{
    private const int LoadPageSize = 10_000;
    private const int PagesInFlight = 8;
    private const int CatchUpPageSize = 1_000;

    // Returns the log's first entry, to tell whether it still reaches back to the cursor, and the entries after it.
    private const string CatchUpScript = """
        local first = redis.call('XRANGE', KEYS[1], '-', '+', 'COUNT', 1)
        local after = redis.call('XRANGE', KEYS[1], '(' .. ARGV[1], '+', 'COUNT', ARGV[2])
        return { first, after }
        """;

    private readonly SemaphoreSlim _synchronizing = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();

    // Wake-ups coalesce: however many arrive during a catch-up, one more catch-up follows it.
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private IConnectionMultiplexer? _redis;
    private Task _following = Task.CompletedTask;
    private Task _ticking = Task.CompletedTask;
    private StreamPosition? _cursor;
    private bool _subscribed;
    private int _connectionFailures;
    private DateTimeOffset _nextPurge;

    /// <summary>How many change-log entries this node has read, for tests of what a catch-up costs.</summary>
    internal long ChangesRead;

    /// <summary>How many full loads this node has made.</summary>
    internal int FullLoads;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            _redis = await connection.GetAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RedisException or InvalidOperationException or ArgumentException)
        {
            // An unparsable configuration or no multiplexer at all is a set-up mistake: say so at start-up.
            throw new InvalidOperationException("PersonalAccessTokens.Redis could not create its Redis connection; check RedisRevocationOptions.Configuration.", ex);
        }

        _redis.ConnectionFailed += OnConnectionFailed;
        _redis.ConnectionRestored += OnConnectionRestored;

        // Serve only once the replica is loaded; if Redis is down, start stale and catch up on reconnect.
        await SynchronizeAsync().ConfigureAwait(false);
        _following = FollowAsync(_stopping.Token);
        _ticking = TickAsync(_stopping.Token);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_redis is not null)
        {
            _redis.ConnectionFailed -= OnConnectionFailed;
            _redis.ConnectionRestored -= OnConnectionRestored;
        }

        // Both loops end on cancellation and catch everything else, so shutdown never throws.
        await Task.WhenAll(_following, _ticking).ConfigureAwait(false);
    }

    public void Dispose()
    {
        _stopping.Dispose();
        _synchronizing.Dispose();
    }

    /// <summary>Brings the replica up to date: a catch-up, or a full load if there is nothing to catch up from. Never throws.</summary>
    internal async Task SynchronizeAsync()
    {
        await _synchronizing.WaitAsync().ConfigureAwait(false);
        var failuresBefore = Volatile.Read(ref _connectionFailures);
        try
        {
            var redis = _redis!;
            var database = redis.GetDatabase();

            // Subscribe before reading, so a change made during the read still wakes this node afterwards.
            if (!_subscribed)
            {
                await redis.GetSubscriber().SubscribeAsync(keys.Channel, (_, _) => _wake.Writer.TryWrite(true)).ConfigureAwait(false);
                _subscribed = true;
            }

            if (_cursor is not { } cursor || !await CatchUpAsync(database, cursor).ConfigureAwait(false))
            {
                await LoadAsync(database).ConfigureAwait(false);
            }

            PurgeIfDue();

            // Fresh once read up to date: the read itself proved the connection. A subscription still connecting (just
            // after a start or a Redis restart) only delays wake-ups; the CatchUpInterval tick reads the log anyway.
            // A connection that failed while this ran may have hidden a change: then the reconnect's catch-up decides.
            if (redis.IsConnected && Volatile.Read(ref _connectionFailures) == failuresBefore)
            {
                var wasStale = !replica.IsFresh;
                replica.MarkFresh();
                if (wasStale)
                {
                    logger.ReplicaFresh(replica.List.Count);
                }
            }
        }
        catch (Exception ex)
        {
            // Whatever Redis or the network did (a cluster error, a timeout, a script error), this node keeps
            // serving by its outage rule, and tries again on the next wake-up or tick.
            logger.SynchronizationFailed(ex);
            if (replica.MarkStale(timeProvider.GetUtcNow()))
            {
                logger.ReplicaStale(ex.GetType().Name, options.Value.StalenessLimit, options.Value.OutageBehavior);
            }
        }
        finally
        {
            _synchronizing.Release();
        }
    }

    /// <summary>Reads the whole list into a new replica, then the log from where the read began.</summary>
    private async Task LoadAsync(IDatabase database)
    {
        // The log position first: whatever is written during the read is in the log after it, and is replayed.
        var last = await database.StreamRangeAsync(keys.Changes, "-", "+", count: 1, messageOrder: Order.Descending).ConfigureAwait(false);
        var position = last.Length == 0 ? StreamPosition.Start : Parse(last[0].Id);

        var now = timeProvider.GetUtcNow();
        var builder = new PatRevocationList.Builder((int)Math.Min(int.MaxValue, await database.SortedSetLengthAsync(keys.Tokens).ConfigureAwait(false)));
        await LoadSetAsync(database, keys.Tokens, TokensFrom(now), (id, exp) =>
        {
            // At most three UTF-8 bytes a UTF-16 character: an id of 256 characters fits, a huge member does not.
            if (id.Length is > 0 and <= RedisKeys.MaxIdLength * 3)
            {
                builder.AddToken(id, exp);
            }
        }).ConfigureAwait(false);
        await LoadSetAsync(database, keys.Subjects, SubjectsFrom(now), (subject, epoch) =>
        {
            if (Encoding.UTF8.GetString(subject) is var text && RedisKeys.IsAcceptableId(text))
            {
                builder.AddSubject(text, epoch);
            }
        }).ConfigureAwait(false);

        replica.List.Replace(builder);
        _cursor = position;
        FullLoads++;
        logger.ListLoaded(replica.List.Count, position);
        await CatchUpAsync(database, position).ConfigureAwait(false);
    }

    /// <summary>
    /// Reads a sorted set in pages by rank, from the highest score down, many pages in flight at once. Counted from
    /// the top, ranks do not move when trimming removes the lowest scores, so no live entry is skipped; an entry
    /// added or raised meanwhile may be read twice or not at all, and is in the log after the load's position.
    /// </summary>
    private static async Task LoadSetAsync(IDatabase database, RedisKey set, long from, ReadOnlySpanAction<byte, long> add)
    {
        var pages = new Queue<Task<SortedSetEntry[]>>();
        long next = 0;
        while (true)
        {
            while (pages.Count < PagesInFlight)
            {
                pages.Enqueue(database.SortedSetRangeByRankWithScoresAsync(set, next, next + LoadPageSize - 1, Order.Descending));
                next += LoadPageSize;
            }

            var page = await pages.Dequeue().ConfigureAwait(false);
            foreach (var entry in page)
            {
                // A score is a token time or nothing this store wrote; the member is checked by the caller.
                if (entry.Score >= from && RedisKeys.IsTokenTime(entry.Score))
                {
                    add(((ReadOnlyMemory<byte>)entry.Element).Span, (long)entry.Score);
                }
            }

            // Past the end, or into scores too old to matter: the pages still in flight are not needed.
            if (page.Length < LoadPageSize || page[^1].Score < from)
            {
                foreach (var unneeded in pages)
                {
                    // Observed, so a page that fails after the load is done is not an unobserved task exception.
                    _ = unneeded.ContinueWith(static t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
                }

                return;
            }
        }
    }

    /// <summary>Applies the log after <paramref name="cursor"/>; false if the log no longer reaches back that far.</summary>
    private async Task<bool> CatchUpAsync(IDatabase database, StreamPosition cursor)
    {
        while (true)
        {
            var result = (RedisResult[])(await database.ScriptEvaluateAsync(
                CatchUpScript, [keys.Changes], [cursor.ToString(), CatchUpPageSize]).ConfigureAwait(false))!;
            var first = (RedisResult[])result[0]!;
            var after = (RedisResult[])result[1]!;

            // Trimming only drops changes older than any live token, so a log that starts after the cursor has lost
            // something this node needs only if Redis lost data or the node was away longer than a token lives.
            if (cursor != StreamPosition.Start && (first.Length == 0 || Parse((string?)((RedisResult[])first[0]!)[0]) > cursor))
            {
                logger.ChangeLogGap(cursor);
                return false;
            }

            foreach (var entry in after)
            {
                var parts = (RedisResult[])entry!;
                cursor = Parse((string?)parts[0]);
                Apply((RedisResult[])parts[1]!);
            }

            _cursor = cursor;
            Interlocked.Add(ref ChangesRead, after.Length);
            if (after.Length < CatchUpPageSize)
            {
                return true;
            }
        }
    }

    private void Apply(RedisResult[] fields)
    {
        var message = fields.Length == 2 && (string?)fields[0] == "m" ? (string?)fields[1] : null;
        if (message is null || !RedisKeys.TryParse(message, out var kind, out var seconds, out var id))
        {
            logger.ChangeIgnored("not a change this store writes");
            return;
        }

        if (kind == RedisKeys.TokenMessage)
        {
            replica.List.AddToken(id, seconds);
        }
        else
        {
            replica.List.AddSubject(id, seconds);
        }
    }

    /// <summary>Folds recent changes into the loaded set when they have grown, and drops expired entries hourly.</summary>
    private void PurgeIfDue()
    {
        var now = timeProvider.GetUtcNow();
        var list = replica.List;
        if (now < _nextPurge && list.RecentCount <= Math.Max(4096, (list.Count - list.RecentCount) / 8))
        {
            return;
        }

        list.Compact(TokensFrom(now), SubjectsFrom(now));
        _nextPurge = now + TimeSpan.FromHours(1);
    }

    // A token's entry matters until exp + ClockSkew; an epoch while a token issued before it can live.
    private long TokensFrom(DateTimeOffset now) => (now - tokenOptions.Value.ClockSkew).ToUnixTimeSeconds();

    private long SubjectsFrom(DateTimeOffset now) => (now - RedisPatRevocationStore.SubjectRetention(tokenOptions.Value)).ToUnixTimeSeconds();

    private static StreamPosition Parse(string? id) =>
        StreamPosition.TryParse(id, out var position) ? position : throw new InvalidDataException($"'{id}' is not a stream entry id.");

    private async Task FollowAsync(CancellationToken stopping)
    {
        try
        {
            await foreach (var _ in _wake.Reader.ReadAllAsync(stopping).ConfigureAwait(false))
            {
                await SynchronizeAsync().ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private async Task TickAsync(CancellationToken stopping)
    {
        // A one-shot delay armed again each time: wake-ups coalesce in the channel, and a clock jump is one tick.
        try
        {
            while (true)
            {
                await Task.Delay(options.Value.CatchUpInterval, timeProvider, stopping).ConfigureAwait(false);
                _wake.Writer.TryWrite(true);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private void OnConnectionFailed(object? sender, ConnectionFailedEventArgs e)
    {
        Interlocked.Increment(ref _connectionFailures);
        if (replica.MarkStale(timeProvider.GetUtcNow()))
        {
            logger.ReplicaStale(e.FailureType.ToString(), options.Value.StalenessLimit, options.Value.OutageBehavior);
        }
    }

    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e)
    {
        // Catch up on whatever was revoked while this node could not hear it.
        _wake.Writer.TryWrite(true);
    }
}
