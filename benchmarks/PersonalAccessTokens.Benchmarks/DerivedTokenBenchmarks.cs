using System.Buffers.Text;
using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

namespace PersonalAccessTokens.Benchmarks;

/// <summary>
/// Validation of a derived token with two ancestors (a grandchild) against an ordinary token of the same scopes
/// and name, with 10,000 revoked tokens in the in-memory store, so each ancestor's lookup is a real one. A third
/// row, an ordinary token whose longer name makes it exactly as long as the grandchild, separates what the
/// ancestors cost from what any 76 more characters cost (hashing, decoding, signing input). HS256 is the cheapest
/// verification, where that share shows most; ES256 is the common asymmetric one.
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
    private string _sameLength = null!;

    [Params(SecurityAlgorithms.HmacSha256, SecurityAlgorithms.EcdsaSha256)]
    public string Algorithm { get; set; } = SecurityAlgorithms.HmacSha256;

    [GlobalSetup]
    public void Setup()
    {
        SecurityKey key = Algorithm == SecurityAlgorithms.HmacSha256
            ? new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)) { KeyId = "bench" }
            : new ECDsaSecurityKey(ECDsa.Create(ECCurve.NamedCurves.nistP256)) { KeyId = "bench" };
        _cached = Build(key, Algorithm, PersonalAccessTokenDefaults.ValidationCacheSize);
        _uncached = Build(key, Algorithm, cacheSize: 0);
        _warm = _cached.GetRequiredService<IPatValidator>();
        _cold = _uncached.GetRequiredService<IPatValidator>();

        var issuer = _cached.GetRequiredService<IPatIssuer>();
        _ordinary = Issue(issuer.IssueAsync(new PatIssueRequest { Subject = "alice", Name = "ci", Scopes = ["repo:read"], Lifetime = TimeSpan.FromDays(28) }));
        var parent = Issue(issuer.IssueAsync(new PatIssueRequest { Subject = "alice", Name = "laptop", Scopes = ["repo:read"], Lifetime = TimeSpan.FromDays(30) }));
        var child = Issue(issuer.DeriveAsync(Validated(parent), new PatDeriveRequest { Name = "ci", Scopes = ["repo:read"], Lifetime = TimeSpan.FromDays(29) }));
        _grandchild = Issue(issuer.DeriveAsync(Validated(child), new PatDeriveRequest { Name = "ci", Scopes = ["repo:read"], Lifetime = TimeSpan.FromDays(28) }));
        for (var name = "ci"; ; name += "x")
        {
            _sameLength = Issue(issuer.IssueAsync(new PatIssueRequest { Subject = "alice", Name = name, Scopes = ["repo:read"], Lifetime = TimeSpan.FromDays(28) }));
            if (_sameLength.Length >= _grandchild.Length)
            {
                break;
            }
        }

        if (Validated(_grandchild).AncestorIds.Count != 2 || !_cold.ValidateAsync(_grandchild).AsTask().GetAwaiter().GetResult().IsValid
            || _sameLength.Length - _grandchild.Length > 1)
        {
            throw new InvalidOperationException("The grandchild did not validate with two ancestors, or no ordinary token matched its length.");
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

    [BenchmarkCategory("cold"), Benchmark(Description = "ordinary, as long as the derived")]
    public ValueTask<PatValidationResult> SameLengthCold() => _cold.ValidateAsync(_sameLength);

    private static ServiceProvider Build(SecurityKey key, string algorithm, int cacheSize)
    {
        var services = new ServiceCollection();
        services.AddPersonalAccessTokens(o =>
            {
                o.Issuer = BenchmarkTokens.Issuer;
                o.Audience = BenchmarkTokens.Audience;
                o.ValidationCacheSize = cacheSize;
            })
            .AddSigningKey(key, algorithm)
            .AddScope("repo:read");
        var provider = services.BuildServiceProvider();

        // 10,000 revoked ids of our own format, as a live service holds. The same ids in every launch: random ones
        // gave each launch its own hash layout, and the lookups' spread between launches hid the effect measured.
        var revocations = provider.GetRequiredService<IPatRevocationStore>();
        var expiresAt = DateTimeOffset.UtcNow.AddDays(30);
        var ids = new Random(20261128);
        var id = new byte[16];
        for (var i = 0; i < 10_000; i++)
        {
            ids.NextBytes(id);
            revocations.RevokeAsync(Base64Url.EncodeToString(id), expiresAt).AsTask().GetAwaiter().GetResult();
        }

        return provider;
    }

    private ValidatedPat Validated(string token) => _cold.ValidateAsync(token).AsTask().GetAwaiter().GetResult().Pat!;

    private static string Issue(ValueTask<PatIssueResult> issuing) => issuing.AsTask().GetAwaiter().GetResult().Pat!.Token;
}
