using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.Tokens;

namespace PersonalAccessTokens.Tests.Support;

/// <summary>A service provider with the library registered the way a host would, on a fake clock.</summary>
public sealed class TestHost : IDisposable
{
    public const string Issuer = "https://issuer.example";
    public const string Audience = "https://api.example";
    public const string KeyId = "hmac-1";

    public static readonly byte[] HmacSecret = [.. Enumerable.Range(1, 32).Select(i => (byte)i)];

    public static readonly DateTimeOffset Start = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    private TestHost(ServiceProvider provider, FakeTimeProvider time)
    {
        Provider = provider;
        Time = time;
    }

    public ServiceProvider Provider { get; }

    public FakeTimeProvider Time { get; }

    public IPatIssuer TokenIssuer => Provider.GetRequiredService<IPatIssuer>();

    public IPatValidator Validator => Provider.GetRequiredService<IPatValidator>();

    public IPatRevocationStore Revocations => Provider.GetRequiredService<IPatRevocationStore>();

    public static SymmetricSecurityKey HmacKey(string keyId = KeyId, byte[]? secret = null) =>
        new(secret ?? HmacSecret) { KeyId = keyId };

    /// <summary>Issuer, audience, one HS256 key and a small catalog: repo:read, repo:write ⇒ repo:read, admin (7 days max).</summary>
    public static TestHost Create(
        Action<PersonalAccessTokenOptions>? configure = null,
        Action<PersonalAccessTokenBuilder>? build = null,
        bool addDefaultKey = true)
    {
        var time = new FakeTimeProvider(Start);
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(time);
        var builder = services.AddPersonalAccessTokens(options =>
        {
            options.Issuer = Issuer;
            options.Audience = Audience;
            configure?.Invoke(options);
        });
        if (addDefaultKey)
        {
            builder.AddSigningKey(HmacKey(), SecurityAlgorithms.HmacSha256);
        }

        builder
            .AddScope("repo:read")
            .AddScope("repo:write", implies: ["repo:read"])
            .AddScope("admin", implies: [], maxLifetime: TimeSpan.FromDays(7));
        build?.Invoke(builder);
        return new TestHost(services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true }), time);
    }

    public async Task<IssuedPat> IssueAsync(string subject = "alice", string[]? scopes = null, TimeSpan? lifetime = null, string? name = null)
    {
        var result = await TokenIssuer.IssueAsync(new PatIssueRequest { Subject = subject, Scopes = scopes ?? ["repo:read"], Lifetime = lifetime, Name = name });
        Assert.That(result.Succeeded, Is.True, () => result.Error!.Message);
        return result.Pat!;
    }

    public void Dispose() => Provider.Dispose();
}
