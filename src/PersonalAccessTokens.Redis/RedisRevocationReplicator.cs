using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace PersonalAccessTokens.Redis;

/// <summary>
/// Keeps this node's replica in step with Redis: loads it at start-up, follows pub/sub, and reloads after every
/// reconnect and periodically, since pub/sub delivers at most once. While a connection is down the replica is stale.
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
    private const int InteractiveDown = 1;
    private const int SubscriptionDown = 2;

    private readonly SemaphoreSlim _resync = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();
    private IConnectionMultiplexer? _redis;
    private Task _periodic = Task.CompletedTask;
    private int _downConnections;
    private bool _subscribed;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _redis = await connection.GetAsync().ConfigureAwait(false);
        _redis.ConnectionFailed += OnConnectionFailed;
        _redis.ConnectionRestored += OnConnectionRestored;
        if (!_redis.IsConnected)
        {
            _downConnections = InteractiveDown | SubscriptionDown;
        }

        // Serve only once the replica is loaded; if Redis is down, start stale and catch up on reconnect.
        await ResyncAsync().ConfigureAwait(false);
        _periodic = ResyncPeriodicallyAsync(_stopping.Token);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_redis is not null)
        {
            _redis.ConnectionFailed -= OnConnectionFailed;
            _redis.ConnectionRestored -= OnConnectionRestored;
        }

        await _periodic.ConfigureAwait(false);
    }

    public void Dispose()
    {
        _stopping.Dispose();
        _resync.Dispose();
    }

    /// <summary>Reloads the whole list into the replica; marks it fresh if every connection is up. Never throws.</summary>
    internal async Task ResyncAsync()
    {
        await _resync.WaitAsync().ConfigureAwait(false);
        try
        {
            var redis = _redis!;

            // Subscribe before reading, so nothing published during the read is missed.
            if (!_subscribed)
            {
                await redis.GetSubscriber().SubscribeAsync(keys.Channel, (_, message) => Apply(message)).ConfigureAwait(false);
                _subscribed = true;
            }

            var loaded = await LoadAsync(redis).ConfigureAwait(false);
            replica.Purge(timeProvider.GetUtcNow(), RedisPatRevocationStore.SubjectRetention(tokenOptions.Value));
            if (Volatile.Read(ref _downConnections) == 0)
            {
                var wasStale = !replica.IsFresh;
                replica.MarkFresh();
                if (wasStale)
                {
                    logger.ReplicaFresh(loaded);
                }
            }
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or InvalidOperationException)
        {
            logger.ResyncFailed(ex);
        }
        finally
        {
            _resync.Release();
        }
    }

    private async Task<int> LoadAsync(IConnectionMultiplexer redis)
    {
        var database = redis.GetDatabase();
        var server = redis.GetServers().FirstOrDefault(s => s.IsConnected && !s.IsReplica)
            ?? throw new RedisConnectionException(ConnectionFailureType.UnableToConnect, "No connected Redis primary to load revocations from.");
        var count = 0;
        foreach (var (pattern, isToken) in new[] { (keys.TokenPattern, true), (keys.SubjectPattern, false) })
        {
            var batch = new List<RedisKey>(500);
            await foreach (var key in server.KeysAsync(database.Database, pattern, pageSize: 500).ConfigureAwait(false))
            {
                batch.Add(key);
                if (batch.Count == 500)
                {
                    count += await LoadBatchAsync(database, batch, isToken).ConfigureAwait(false);
                    batch.Clear();
                }
            }

            count += await LoadBatchAsync(database, batch, isToken).ConfigureAwait(false);
        }

        return count;
    }

    private async Task<int> LoadBatchAsync(IDatabase database, List<RedisKey> batch, bool isToken)
    {
        if (batch.Count == 0)
        {
            return 0;
        }

        var values = await database.StringGetAsync([.. batch]).ConfigureAwait(false);
        var count = 0;
        for (var i = 0; i < batch.Count; i++)
        {
            // A key may expire between SCAN and GET; nothing is lost, it no longer matters.
            if (values[i].TryParse(out long seconds))
            {
                var key = batch[i].ToString();
                if (isToken)
                {
                    replica.AddToken(keys.TokenIdOf(key), seconds);
                }
                else
                {
                    replica.AddSubject(keys.SubjectOf(key), seconds);
                }

                count++;
            }
        }

        return count;
    }

    private void Apply(RedisValue message)
    {
        if (!RedisKeys.TryParse(message.ToString(), out var kind, out var seconds, out var id))
        {
            logger.MessageIgnored();
            return;
        }

        if (kind == RedisKeys.TokenMessage)
        {
            replica.AddToken(id, seconds);
        }
        else
        {
            replica.AddSubject(id, seconds);
        }
    }

    private async Task ResyncPeriodicallyAsync(CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(options.Value.ResyncInterval, timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(stopping).ConfigureAwait(false))
            {
                await ResyncAsync().ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private void OnConnectionFailed(object? sender, ConnectionFailedEventArgs e)
    {
        Interlocked.Or(ref _downConnections, e.ConnectionType == ConnectionType.Subscription ? SubscriptionDown : InteractiveDown);
        if (replica.MarkStale(timeProvider.GetUtcNow()))
        {
            logger.ReplicaStale(e.FailureType.ToString(), options.Value.StalenessLimit, options.Value.OutageBehavior);
        }
    }

    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e)
    {
        Interlocked.And(ref _downConnections, ~(e.ConnectionType == ConnectionType.Subscription ? SubscriptionDown : InteractiveDown));

        // Catch up on whatever was revoked while this node could not hear it.
        _ = ResyncAsync();
    }
}
