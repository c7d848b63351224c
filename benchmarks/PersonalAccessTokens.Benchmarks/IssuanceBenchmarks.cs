using BenchmarkDotNet.Attributes;
using Microsoft.IdentityModel.Tokens;

namespace PersonalAccessTokens.Benchmarks;

/// <summary>Issuing a token against the raw <c>CreateToken</c> call with the same claims and key.</summary>
[MemoryDiagnoser]
public class IssuanceBenchmarks
{
    private static readonly PatIssueRequest Request = new() { Subject = "alice", Name = "ci", Scopes = ["repo:write"], Lifetime = TimeSpan.FromDays(30) };

    private BenchmarkTokens _tokens = null!;
    private SigningCredentials _credentials = null!;

    [Params("HS256", "RS256", "ES256")]
    public string Algorithm { get; set; } = "HS256";

    [GlobalSetup]
    public void Setup()
    {
        _tokens = new BenchmarkTokens(Algorithm);
        _credentials = new SigningCredentials(_tokens.Key, Algorithm);
    }

    [GlobalCleanup]
    public void Cleanup() => _tokens.Dispose();

    [Benchmark(Baseline = true, Description = "raw CreateToken")]
    public string Raw()
    {
        var now = DateTime.UtcNow;
        return _tokens.Handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = BenchmarkTokens.Issuer,
            Audience = BenchmarkTokens.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddDays(30),
            TokenType = PersonalAccessTokenDefaults.TokenType,
            SigningCredentials = _credentials,
            Claims = new Dictionary<string, object>
            {
                ["sub"] = "alice",
                ["jti"] = Guid.NewGuid().ToString("N"),
                ["scope"] = "repo:write",
                ["name"] = "ci",
            },
        });
    }

    [Benchmark(Description = "IssueAsync")]
    public ValueTask<PatIssueResult> Issue() => _tokens.TokenIssuer.IssueAsync(Request);
}
