using System.Buffers.Text;
using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

namespace PersonalAccessTokens.Benchmarks;

/// <summary>
/// HS256 validation of a derived token with two ancestors (a grandchild) against an ordinary token of the same
/// scopes and name, with 10,000 revoked tokens in the in-memory store, so each ancestor's lookup is a real one.
/// HS256 is the cheapest verification, where the ancestors' share shows most.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class DerivedTokenBenchmarks
{
    private ServiceProvider _cached = null!;
    private ServiceProvider _uncached = null!;
    private IPatValidator _warm = null!;
    private IPatValidator _cold = null!;
    private string _ordinary = null!;
    private string _grandchild = null!;

    [GlobalSetup]
    public void Setup()
    {
        var key = new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)) { KeyId = "bench" };
        _cached = Build(key, PersonalAccessTokenDefaults.ValidationCacheSize);
        _uncached = Build(key, cacheSize: 0);
        _warm = _cached.GetRequiredService<IPatValidator>();
        _cold = _uncached.GetRequiredService<IPatValidator>();

        var issuer = _cached.GetRequiredService<IPatIssuer>();
        _ordinary = Issue(issuer.IssueAsync(new PatIssueRequest { Subject = "alice", Name = "ci", Scopes = ["repo:read"], Lifetime = TimeSpan.FromDays(28) }));
        var parent = Issue(issuer.IssueAsync(new PatIssueRequest { Subject = "alice", Name = "laptop", Scopes = ["repo:read"], Lifetime = TimeSpan.FromDays(30) }));
        var child = Issue(issuer.DeriveAsync(Validated(parent), new PatDeriveRequest { Name = "ci", Scopes = ["repo:read"], Lifetime = TimeSpan.FromDays(29) }));
        _grandchild = Issue(issuer.DeriveAsync(Validated(child), new PatDeriveRequest { Name = "ci", Scopes = ["repo:read"], Lifetime = TimeSpan.FromDays(28) }));
        if (Validated(_grandchild).AncestorIds.Count != 2 || !_cold.ValidateAsync(_grandchild).AsTask().GetAwaiter().GetResult().IsValid)
        {
            throw new InvalidOperationException("The grandchild did not validate with two ancestors.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _cached.Dispose();
        _uncached.Dispose();
    }

    [BenchmarkCategory("warm"), Benchmark(Baseline = true, Description = "ordinary token")]
    public ValueTask<PatValidationResult> OrdinaryWarm() => _warm.ValidateAsync(_ordinary);

    [BenchmarkCategory("warm"), Benchmark(Description = "derived, two ancestors")]
    public ValueTask<PatValidationResult> DerivedWarm() => _warm.ValidateAsync(_grandchild);

    [BenchmarkCategory("cold"), Benchmark(Baseline = true, Description = "ordinary token")]
    public ValueTask<PatValidationResult> OrdinaryCold() => _cold.ValidateAsync(_ordinary);

    [BenchmarkCategory("cold"), Benchmark(Description = "derived, two ancestors")]
    public ValueTask<PatValidationResult> DerivedCold() => _cold.ValidateAsync(_grandchild);

    private static ServiceProvider Build(SecurityKey key, int cacheSize)
    {
        var services = new ServiceCollection();
        services.AddPersonalAccessTokens(o =>
            {
                o.Issuer = BenchmarkTokens.Issuer;
                o.Audience = BenchmarkTokens.Audience;
                o.ValidationCacheSize = cacheSize;
            })
            .AddSigningKey(key, SecurityAlgorithms.HmacSha256)
            .AddScope("repo:read");
        var provider = services.BuildServiceProvider();

        // 10,000 revoked ids of our own format, as a live service holds.
        var revocations = provider.GetRequiredService<IPatRevocationStore>();
        var expiresAt = DateTimeOffset.UtcNow.AddDays(30);
        for (var i = 0; i < 10_000; i++)
        {
            revocations.RevokeAsync(Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16)), expiresAt).AsTask().GetAwaiter().GetResult();
        }

        return provider;
    }

    private ValidatedPat Validated(string token) => _cold.ValidateAsync(token).AsTask().GetAwaiter().GetResult().Pat!;

    private static string Issue(ValueTask<PatIssueResult> issuing) => issuing.AsTask().GetAwaiter().GetResult().Pat!.Token;
}
