using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using PersonalAccessTokens;

namespace PersonalAccessTokens.Benchmarks;

/// <summary>
/// One algorithm's key, our validators (cache on and off) and the raw <see cref="JsonWebTokenHandler"/> with
/// equivalent parameters, so every benchmark compares like with like.
/// </summary>
public sealed class BenchmarkTokens : IDisposable
{
    public const string Issuer = "https://auth.example.com";
    public const string Audience = "https://api.example.com";

    private readonly ServiceProvider _cached;
    private readonly ServiceProvider _uncached;

    public BenchmarkTokens(string algorithm)
    {
        Key = CreateKey(algorithm);
        Algorithm = algorithm;
        _cached = Build(TimeProvider.System, cacheSize: PersonalAccessTokenDefaults.ValidationCacheSize);
        _uncached = Build(TimeProvider.System, cacheSize: 0);

        TokenIssuer = _cached.GetRequiredService<IPatIssuer>();
        CachedValidator = _cached.GetRequiredService<IPatValidator>();
        UncachedValidator = _uncached.GetRequiredService<IPatValidator>();
        Token = Issue(TokenIssuer, lifetime: TimeSpan.FromDays(30));

        var bytes = Base64UrlEncoder.DecodeBytes(Token.Split('.')[2]);
        bytes[^1] ^= 1;
        BadSignatureToken = Token[..(Token.LastIndexOf('.') + 1)] + Base64UrlEncoder.Encode(bytes);

        // Issued 40 days ago for one day, by the same key.
        using var past = Build(new FixedTimeProvider(DateTimeOffset.UtcNow.AddDays(-40)), cacheSize: 0);
        ExpiredToken = Issue(past.GetRequiredService<IPatIssuer>(), lifetime: TimeSpan.FromDays(1));

        Handler = new JsonWebTokenHandler();
        Parameters = new TokenValidationParameters
        {
            ValidIssuer = Issuer,
            ValidAudience = Audience,
            IssuerSigningKey = Key,
            ValidAlgorithms = [algorithm],
            ValidTypes = [PersonalAccessTokenDefaults.TokenType],
            ClockSkew = PersonalAccessTokenDefaults.ClockSkew,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
        };
    }

    public SecurityKey Key { get; }

    public string Algorithm { get; }

    public IPatIssuer TokenIssuer { get; }

    public IPatValidator CachedValidator { get; }

    public IPatValidator UncachedValidator { get; }

    public JsonWebTokenHandler Handler { get; }

    public TokenValidationParameters Parameters { get; }

    public string Token { get; }

    public string BadSignatureToken { get; }

    public string ExpiredToken { get; }

    public void Dispose()
    {
        _cached.Dispose();
        _uncached.Dispose();
    }

    private static string Issue(IPatIssuer issuer, TimeSpan lifetime)
    {
        var result = issuer.IssueAsync(new PatIssueRequest { Subject = "alice", Name = "ci", Scopes = ["repo:write"], Lifetime = lifetime })
            .AsTask().GetAwaiter().GetResult();
        return result.Succeeded ? result.Pat.Token : throw new InvalidOperationException(result.Error.Message);
    }

    private static SecurityKey CreateKey(string algorithm) => algorithm switch
    {
        SecurityAlgorithms.HmacSha256 => new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)) { KeyId = "bench" },
        SecurityAlgorithms.RsaSha256 => new RsaSecurityKey(RSA.Create(2048)) { KeyId = "bench" },
        SecurityAlgorithms.EcdsaSha256 => new ECDsaSecurityKey(ECDsa.Create(ECCurve.NamedCurves.nistP256)) { KeyId = "bench" },
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "HS256, RS256 or ES256."),
    };

    private ServiceProvider Build(TimeProvider time, int cacheSize)
    {
        var services = new ServiceCollection();
        services.AddSingleton(time);
        services.AddPersonalAccessTokens(o =>
            {
                o.Issuer = Issuer;
                o.Audience = Audience;
                o.ValidationCacheSize = cacheSize;
            })
            .AddSigningKey(Key, Algorithm)
            .AddScope("repo:read")
            .AddScope("repo:write", implies: ["repo:read"]);
        return services.BuildServiceProvider();
    }

    private sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
