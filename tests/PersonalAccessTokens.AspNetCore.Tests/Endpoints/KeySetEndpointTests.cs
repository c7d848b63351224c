using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.IdentityModel.Tokens;
using PersonalAccessTokens.AspNetCore.Tests.Support;

namespace PersonalAccessTokens.AspNetCore.Tests.Endpoints;

public sealed class KeySetEndpointTests
{
    [Test]
    public async Task The_key_set_serves_public_asymmetric_keys_as_jwk_set_json_and_never_a_secret()
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        await using var app = await TestApp.StartAsync(
            a => a.MapPersonalAccessTokenKeys("/.well-known/pat-keys.json"),
            keys: b => b.AddSigningKey(new ECDsaSecurityKey(ecdsa) { KeyId = "ec-1" }, SecurityAlgorithms.EcdsaSha256));

        var response = await app.SendAsync(HttpMethod.Get, "/.well-known/pat-keys.json");
        var body = await response.Content.ReadAsStringAsync();
        using var json = JsonDocument.Parse(body);
        var key = json.RootElement.GetProperty("keys").EnumerateArray().Single();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/jwk-set+json"));
        Assert.That(response.Headers.CacheControl!.MaxAge, Is.EqualTo(TimeSpan.FromMinutes(5)));
        Assert.That(key.GetProperty("kid").GetString(), Is.EqualTo("ec-1"));
        Assert.That(key.GetProperty("kty").GetString(), Is.EqualTo("EC"));
        Assert.That(key.GetProperty("alg").GetString(), Is.EqualTo("ES256"));
        Assert.That(key.TryGetProperty("d", out _), Is.False);
        Assert.That(body, Does.Not.Contain("hmac-1"));
        Assert.That(new JsonWebKeySet(body).GetSigningKeys(), Has.Count.EqualTo(1));
    }
}
