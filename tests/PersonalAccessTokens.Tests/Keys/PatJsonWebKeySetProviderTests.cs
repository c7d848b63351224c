using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using PersonalAccessTokens.Tests.Support;

namespace PersonalAccessTokens.Tests.Keys;

public sealed class PatJsonWebKeySetProviderTests
{
    [Test]
    public async Task Exported_set_lets_a_standard_JsonWebTokenHandler_validate_our_tokens()
    {
        using var rsa = RSA.Create(2048);
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var host = TestHost.Create(build: b => b
            .AddSigningKey(new RsaSecurityKey(rsa) { KeyId = "rsa" }, SecurityAlgorithms.RsaSha256, TestHost.Start.AddSeconds(1), null)
            .AddSigningKey(new ECDsaSecurityKey(ec) { KeyId = "ec" }, SecurityAlgorithms.EcdsaSha256, TestHost.Start.AddSeconds(2), null));
        var json = JsonSerializer.Serialize(host.Provider.GetRequiredService<IPatJsonWebKeySetProvider>().GetJsonWebKeySet());
        var published = new JsonWebKeySet(json);

        host.Time.Advance(TimeSpan.FromSeconds(1));
        var rsaToken = await host.IssueAsync();
        host.Time.Advance(TimeSpan.FromSeconds(1));
        var ecToken = await host.IssueAsync();

        foreach (var pat in new[] { rsaToken, ecToken })
        {
            var result = await new JsonWebTokenHandler().ValidateTokenAsync(pat.Token, new TokenValidationParameters
            {
                ValidIssuer = TestHost.Issuer,
                ValidAudience = TestHost.Audience,
                ValidTypes = ["pat+jwt"],
                IssuerSigningKeys = published.GetSigningKeys(),
                LifetimeValidator = (_, _, _, _) => true, // The fake clock is not IdentityModel's clock.
            });
            Assert.That(result.IsValid, Is.True, () => result.Exception?.Message ?? "");
        }

        Assert.That(rsaToken.KeyId, Is.EqualTo("rsa"));
        Assert.That(ecToken.KeyId, Is.EqualTo("ec"));
    }

    [Test]
    public void Exported_set_holds_no_symmetric_key_and_no_private_parameter()
    {
        using var rsa = RSA.Create(2048);
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        using var host = TestHost.Create(build: b => b
            .AddSigningKey(new RsaSecurityKey(rsa) { KeyId = "rsa" }, SecurityAlgorithms.RsaSsaPssSha256)
            .AddSigningKey(new ECDsaSecurityKey(ec) { KeyId = "ec" }, SecurityAlgorithms.EcdsaSha384));

        var set = host.Provider.GetRequiredService<IPatJsonWebKeySetProvider>().GetJsonWebKeySet();
        var json = JsonSerializer.Serialize(set);

        Assert.That(set.Keys.Select(k => k.Kid), Is.EquivalentTo((string[])["rsa", "ec"]));
        Assert.That(json, Does.Not.Contain("hmac-1"));
        using var document = JsonDocument.Parse(json);
        foreach (var key in document.RootElement.GetProperty("keys").EnumerateArray())
        {
            foreach (var secret in new[] { "d", "p", "q", "dp", "dq", "qi", "k" })
            {
                Assert.That(key.TryGetProperty(secret, out _), Is.False, $"member {secret} leaked");
            }
        }
    }

    [Test]
    public void Exported_set_publishes_keys_before_they_activate_and_drops_them_when_they_retire()
    {
        using var rsa = RSA.Create(2048);
        using var host = TestHost.Create(build: b => b
            .AddSigningKey(new RsaSecurityKey(rsa) { KeyId = "rsa" }, SecurityAlgorithms.RsaSha256, TestHost.Start.AddDays(1), TestHost.Start.AddDays(2)));
        var keys = host.Provider.GetRequiredService<IPatJsonWebKeySetProvider>();

        Assert.That(keys.GetJsonWebKeySet().Keys, Has.Count.EqualTo(1));
        host.Time.Advance(TimeSpan.FromDays(2));
        Assert.That(keys.GetJsonWebKeySet().Keys, Is.Empty);
    }
}
