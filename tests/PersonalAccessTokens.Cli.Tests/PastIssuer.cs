using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace PersonalAccessTokens.Cli.Tests;

/// <summary>Issues with the library on a clock set back, for tokens that have expired by now.</summary>
internal static class PastIssuer
{
    public static string Issue(string pemFile, DateTimeOffset at)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(at));
        services.AddPersonalAccessTokens(o =>
        {
            o.Issuer = "https://issuer.example";
            o.Audience = "https://api.example";
            o.TokenPrefix = "acme_pat_";
            o.SigningKeys.Add(new PatSigningKeyOptions { KeyId = "k1", Algorithm = "ES256", PemFile = pemFile });
        }).AddScope("repo:read");
        using var provider = services.BuildServiceProvider();
        var result = provider.GetRequiredService<IPatIssuer>().IssueAsync(new PatIssueRequest { Subject = "alice", Scopes = ["repo:read"], Lifetime = TimeSpan.FromDays(1) })
            .AsTask().GetAwaiter().GetResult();
        return result.Pat!.Token;
    }
}
