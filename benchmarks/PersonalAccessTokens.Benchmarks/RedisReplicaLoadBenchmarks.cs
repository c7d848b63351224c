using System.Buffers.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.Tokens;
using PersonalAccessTokens.Redis.Tests.Support;
using StackExchange.Redis;

namespace PersonalAccessTokens.Benchmarks;

/// <summary>
/// How long a node takes to start, loading 1,000,000 revocations from Redis: from a Redis that holds only the list
/// (the baseline), and from one that also holds 1,000,000 unrelated keys, which a node must not have to walk.
/// Each starts its own redis-server on a free port. An operation takes about a second: run with <c>--job short</c>.
/// </summary>
[MemoryDiagnoser]
public class RedisReplicaLoadBenchmarks
{
    private const int Revocations = 1_000_000;
    private const int UnrelatedKeys = 1_000_000;

    private RedisServer _dedicated = null!;
    private RedisServer _shared = null!;

    [GlobalSetup]
    public void Setup()
    {
        _dedicated = RedisServer.Start();
        _shared = RedisServer.Start();
        FillAsync(_dedicated, unrelatedKeys: 0).GetAwaiter().GetResult();
        FillAsync(_shared, UnrelatedKeys).GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _dedicated.Dispose();
        _shared.Dispose();
    }

    [Benchmark(Baseline = true, Description = "start a node: 1M revocations, dedicated Redis")]
    public Task<int> Dedicated() => StartNodeAsync(_dedicated);

    [Benchmark(Description = "start a node: 1M revocations, Redis shared with 1M other keys")]
    public Task<int> Shared() => StartNodeAsync(_shared);

    private static async Task<int> StartNodeAsync(RedisServer redis)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddPersonalAccessTokens(o =>
            {
                o.Issuer = BenchmarkTokens.Issuer;
                o.Audience = BenchmarkTokens.Audience;
            })
            .AddSigningKey(new SymmetricSecurityKey(new byte[32]) { KeyId = "bench" }, SecurityAlgorithms.HmacSha256)
            .AddRedisRevocation(redis.Configuration);
        using var host = builder.Build();

        // The host starts once the replica is loaded: this is the load, plus a connection and a host.
        await host.StartAsync();
        var loaded = host.Services.GetRequiredService<PersonalAccessTokens.Redis.RevocationReplica>().List.Count;
        await host.StopAsync();
        return loaded == Revocations ? loaded : throw new InvalidOperationException($"Loaded {loaded} revocations, not {Revocations}.");
    }

    /// <summary>Writes the list as the store does (ids of our format scored by exp), and unrelated keys beside it.</summary>
    private static async Task FillAsync(RedisServer redis, int unrelatedKeys)
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.Configuration + ",syncTimeout=60000,asyncTimeout=60000");
        var database = connection.GetDatabase();
        var exp = DateTimeOffset.UtcNow.AddDays(30).ToUnixTimeSeconds();
        var id = new byte[16];
        var batches = new List<Task>();
        for (var start = 0; start < Revocations; start += 10_000)
        {
            var entries = new SortedSetEntry[10_000];
            for (var i = 0; i < entries.Length; i++)
            {
                System.Security.Cryptography.RandomNumberGenerator.Fill(id);
                entries[i] = new SortedSetEntry(Base64Url.EncodeToString(id), exp);
            }

            batches.Add(database.SortedSetAddAsync("{pat:}tokens", entries));
        }

        await Task.WhenAll(batches);
        if (unrelatedKeys > 0)
        {
            await database.ScriptEvaluateAsync($"for i = 1, {unrelatedKeys} do redis.call('SET', 'other:' .. i, i) end");
        }
    }
}
