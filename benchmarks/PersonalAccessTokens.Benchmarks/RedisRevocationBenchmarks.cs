using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.Tokens;
using PersonalAccessTokens.Redis.Tests.Support;

namespace PersonalAccessTokens.Benchmarks;

/// <summary>
/// HS256 validation with the Redis revocation store registered against the in-memory store, each holding 10,000
/// revoked tokens and 100 revoked subjects. The Redis store answers from its local replica, so the two should be
/// close. Starts its own redis-server on a free port.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class RedisRevocationBenchmarks
{
    private readonly List<IHost> _hosts = [];
    private RedisServer _redis = null!;
    private IPatValidator _inMemoryWarm = null!;
    private IPatValidator _redisWarm = null!;
    private IPatValidator _inMemoryCold = null!;
    private IPatValidator _redisCold = null!;
    private string _token = null!;

    [GlobalSetup]
    public void Setup()
    {
        _redis = RedisServer.Start();
        var key = new SymmetricSecurityKey(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)) { KeyId = "bench" };
        _inMemoryWarm = StartValidator(key, redis: false, cacheSize: PersonalAccessTokenDefaults.ValidationCacheSize);
        _redisWarm = StartValidator(key, redis: true, cacheSize: PersonalAccessTokenDefaults.ValidationCacheSize);
        _inMemoryCold = StartValidator(key, redis: false, cacheSize: 0);
        _redisCold = StartValidator(key, redis: true, cacheSize: 0);
        _token = _hosts[0].Services.GetRequiredService<IPatIssuer>()
            .IssueAsync(new PatIssueRequest { Subject = "alice", Scopes = ["repo:read"] }).AsTask().GetAwaiter().GetResult().Pat!.Token;

        // Revoked before the Redis nodes start, so they load it as a node does; the in-memory stores get the same.
        var inMemory = _hosts.Where((_, i) => i % 2 == 0).Select(h => h.Services.GetRequiredService<IPatRevocationStore>());
        foreach (var store in inMemory.Append(_hosts[1].Services.GetRequiredService<IPatRevocationStore>()))
        {
            RevokeOthersAsync(store).GetAwaiter().GetResult();
        }

        _redisWarm = RestartRedisNode(1, key, PersonalAccessTokenDefaults.ValidationCacheSize);
        _redisCold = RestartRedisNode(3, key, cacheSize: 0);
    }

    private static async Task RevokeOthersAsync(IPatRevocationStore store)
    {
        var expiresAt = DateTimeOffset.UtcNow.AddDays(30);
        for (var i = 0; i < 10_000; i++)
        {
            await store.RevokeAsync(System.Buffers.Text.Base64Url.EncodeToString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)), expiresAt);
        }

        for (var i = 0; i < 100; i++)
        {
            await store.RevokeAllAsync($"user-{i}", DateTimeOffset.UtcNow);
        }
    }

    private IPatValidator RestartRedisNode(int index, SecurityKey key, int cacheSize)
    {
        _hosts[index].StopAsync().GetAwaiter().GetResult();
        _hosts[index].Dispose();
        var validator = StartValidator(key, redis: true, cacheSize);
        _hosts[index] = _hosts[^1];
        _hosts.RemoveAt(_hosts.Count - 1);
        return validator;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (var host in _hosts)
        {
            host.StopAsync().GetAwaiter().GetResult();
            host.Dispose();
        }

        _redis.Dispose();
    }

    [BenchmarkCategory("warm"), Benchmark(Baseline = true, Description = "in-memory store")]
    public ValueTask<PatValidationResult> InMemoryWarm() => _inMemoryWarm.ValidateAsync(_token);

    [BenchmarkCategory("warm"), Benchmark(Description = "Redis store")]
    public ValueTask<PatValidationResult> RedisWarm() => _redisWarm.ValidateAsync(_token);

    [BenchmarkCategory("cold"), Benchmark(Baseline = true, Description = "in-memory store")]
    public ValueTask<PatValidationResult> InMemoryCold() => _inMemoryCold.ValidateAsync(_token);

    [BenchmarkCategory("cold"), Benchmark(Description = "Redis store")]
    public ValueTask<PatValidationResult> RedisCold() => _redisCold.ValidateAsync(_token);

    private IPatValidator StartValidator(SecurityKey key, bool redis, int cacheSize)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        var tokens = builder.Services.AddPersonalAccessTokens(o =>
            {
                o.Issuer = BenchmarkTokens.Issuer;
                o.Audience = BenchmarkTokens.Audience;
                o.ValidationCacheSize = cacheSize;
            })
            .AddSigningKey(key, SecurityAlgorithms.HmacSha256)
            .AddScope("repo:read");
        if (redis)
        {
            tokens.AddRedisRevocation(_redis.Configuration);
        }

        var host = builder.Build();
        host.StartAsync().GetAwaiter().GetResult();
        _hosts.Add(host);
        return host.Services.GetRequiredService<IPatValidator>();
    }
}
