using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.Tokens;

namespace PersonalAccessTokens.Benchmarks;

/// <summary>
/// HS256 validation with the EF Core store registered (SQLite file, usage recording on, 10,000 revoked tokens)
/// against the in-memory defaults holding the same. Validation never queries the database: the store answers from
/// its replica, and usage goes to memory.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class EntityFrameworkStoreBenchmarks
{
    private readonly List<IHost> _hosts = [];
    private string _directory = null!;
    private IPatValidator _inMemoryWarm = null!;
    private IPatValidator _databaseWarm = null!;
    private IPatValidator _inMemoryCold = null!;
    private IPatValidator _databaseCold = null!;
    private string _token = null!;

    // Each benchmark runs in its own process with only its own host: another host's background work (a poll, a
    // flush) would be counted as this one's allocations.
    [GlobalSetup(Target = nameof(InMemoryWarm))]
    public void SetupInMemoryWarm() => _inMemoryWarm = Start(database: false, PersonalAccessTokenDefaults.ValidationCacheSize);

    [GlobalSetup(Target = nameof(DatabaseWarm))]
    public void SetupDatabaseWarm() => _databaseWarm = Start(database: true, PersonalAccessTokenDefaults.ValidationCacheSize);

    [GlobalSetup(Target = nameof(InMemoryCold))]
    public void SetupInMemoryCold() => _inMemoryCold = Start(database: false, cacheSize: 0);

    [GlobalSetup(Target = nameof(DatabaseCold))]
    public void SetupDatabaseCold() => _databaseCold = Start(database: true, cacheSize: 0);

    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (var host in _hosts)
        {
            host.StopAsync().GetAwaiter().GetResult();
            host.Dispose();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [BenchmarkCategory("warm"), Benchmark(Baseline = true, Description = "in-memory defaults")]
    public ValueTask<PatValidationResult> InMemoryWarm() => _inMemoryWarm.ValidateAsync(_token);

    [BenchmarkCategory("warm"), Benchmark(Description = "EF Core store, SQLite")]
    public ValueTask<PatValidationResult> DatabaseWarm() => _databaseWarm.ValidateAsync(_token);

    [BenchmarkCategory("cold"), Benchmark(Baseline = true, Description = "in-memory defaults")]
    public ValueTask<PatValidationResult> InMemoryCold() => _inMemoryCold.ValidateAsync(_token);

    [BenchmarkCategory("cold"), Benchmark(Description = "EF Core store, SQLite")]
    public ValueTask<PatValidationResult> DatabaseCold() => _databaseCold.ValidateAsync(_token);

    private IPatValidator Start(bool database, int cacheSize)
    {
        _directory = Directory.CreateTempSubdirectory("pat-bench-sqlite-").FullName;
        var key = new SymmetricSecurityKey(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)) { KeyId = "bench" };
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        var tokens = builder.Services.AddPersonalAccessTokens(o =>
            {
                o.Issuer = BenchmarkTokens.Issuer;
                o.Audience = BenchmarkTokens.Audience;
                o.ValidationCacheSize = cacheSize;

                // Background jobs kept out of the measured window: validation itself is what is measured.
                o.UsageFlushInterval = TimeSpan.FromHours(1);
            })
            .AddSigningKey(key, SecurityAlgorithms.HmacSha256)
            .AddScope("repo:read");
        if (database)
        {
            tokens.AddEntityFrameworkStore(
                o => o.UseSqlite($"Data Source={Path.Combine(_directory, "tokens.db")}"),
                o => o.RevocationPollInterval = TimeSpan.FromHours(1));
        }

        var host = builder.Build();
        host.StartAsync().GetAwaiter().GetResult();
        _hosts.Add(host);

        // The same 10,000 revoked tokens in every store.
        var revocations = host.Services.GetRequiredService<IPatRevocationStore>();
        var expiresAt = DateTimeOffset.UtcNow.AddDays(30);
        for (var i = 0; i < 10_000; i++)
        {
            revocations.RevokeAsync($"revoked-{i}", expiresAt).AsTask().GetAwaiter().GetResult();
        }

        _token = host.Services.GetRequiredService<IPatIssuer>()
            .IssueAsync(new PatIssueRequest { Subject = "alice", Scopes = ["repo:read"] }).AsTask().GetAwaiter().GetResult().Pat!.Token;
        return host.Services.GetRequiredService<IPatValidator>();
    }
}
