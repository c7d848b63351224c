using BenchmarkDotNet.Attributes;
using Microsoft.IdentityModel.Tokens;

namespace PersonalAccessTokens.Benchmarks;

/// <summary>
/// Validation against the raw handler a .NET user would otherwise call, per algorithm:
/// cold (cache off, every strict check), warm (the same token again), and the rejection paths.
/// </summary>
[MemoryDiagnoser]
public class ValidationBenchmarks
{
    private static readonly string[] RequiredScopes = ["repo:read"];
    private BenchmarkTokens _tokens = null!;

    [Params("HS256", "RS256", "ES256")]
    public string Algorithm { get; set; } = "HS256";

    [GlobalSetup]
    public void Setup() => _tokens = new BenchmarkTokens(Algorithm);

    [GlobalCleanup]
    public void Cleanup() => _tokens.Dispose();

    [Benchmark(Baseline = true, Description = "raw JsonWebTokenHandler")]
    public Task<TokenValidationResult> Raw() => _tokens.Handler.ValidateTokenAsync(_tokens.Token, _tokens.Parameters);

    [Benchmark(Description = "cold")]
    public ValueTask<PatValidationResult> Cold() => _tokens.UncachedValidator.ValidateAsync(_tokens.Token);

    [Benchmark(Description = "warm")]
    public ValueTask<PatValidationResult> Warm() => _tokens.CachedValidator.ValidateAsync(_tokens.Token);

    [Benchmark(Description = "warm, required scope")]
    public ValueTask<PatValidationResult> WarmWithScope() => _tokens.CachedValidator.ValidateAsync(_tokens.Token, RequiredScopes);

    [Benchmark(Description = "rejected: bad signature")]
    public ValueTask<PatValidationResult> BadSignature() => _tokens.CachedValidator.ValidateAsync(_tokens.BadSignatureToken);

    [Benchmark(Description = "rejected: expired")]
    public ValueTask<PatValidationResult> Expired() => _tokens.CachedValidator.ValidateAsync(_tokens.ExpiredToken);
}
