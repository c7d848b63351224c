using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace PersonalAccessTokens.Redis;

/// <summary>The store's connection: the host's <see cref="IConnectionMultiplexer"/>, or one made from the options.</summary>
internal sealed class RedisConnection : IAsyncDisposable, IDisposable
{
    private readonly RedisRevocationOptions _options;
    private readonly IServiceProvider _services;
    private readonly Lazy<Task<IConnectionMultiplexer>> _connection;
    private ConnectionMultiplexer? _owned;

    public RedisConnection(IOptions<RedisRevocationOptions> options, IServiceProvider services)
    {
        _options = options.Value;
        _services = services;
        _connection = new(ConnectAsync);
    }

    public Task<IConnectionMultiplexer> GetAsync() => _connection.Value;

    // Both forms: a host may dispose its service provider either way, and the synchronous one must not throw.
    public void Dispose() => _owned?.Dispose();

    public async ValueTask DisposeAsync()
    {
        if (_owned is not null)
        {
            await _owned.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task<IConnectionMultiplexer> ConnectAsync()
    {
        if (_options.Configuration is null)
        {
            return _services.GetService<IConnectionMultiplexer>()
                ?? throw new InvalidOperationException("AddRedisRevocation needs a Configuration string or an IConnectionMultiplexer registered by the host.");
        }

        var configuration = ConfigurationOptions.Parse(_options.Configuration);

        // Start even while Redis is down (the replica answers, then the staleness rule applies), and make a write
        // attempted meanwhile fail at once rather than wait in a queue: a revocation must never be lost quietly.
        configuration.AbortOnConnectFail = false;
        configuration.BacklogPolicy = BacklogPolicy.FailFast;
        _options.ConfigureConnection?.Invoke(configuration);
        _owned = await ConnectionMultiplexer.ConnectAsync(configuration).ConfigureAwait(false);
        return _owned;
    }
}
