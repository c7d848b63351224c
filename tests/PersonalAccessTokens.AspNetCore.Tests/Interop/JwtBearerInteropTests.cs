using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;
using PersonalAccessTokens.AspNetCore.Tests.Support;

namespace PersonalAccessTokens.AspNetCore.Tests.Interop;

/// <summary>A service without this package verifies our tokens with nothing but JwtBearer and our published keys.</summary>
public sealed class JwtBearerInteropTests
{
    [Test]
    public async Task A_JwtBearer_service_configured_from_our_key_set_accepts_our_tokens_and_rejects_tampered_ones()
    {
        // JwtBearer reads the real clock, so the issuer's fake clock starts at the real now.
        var now = DateTimeOffset.UtcNow;
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        await using var issuer = await TestApp.StartAsync(
            app => app.MapPersonalAccessTokenKeys("/.well-known/pat-keys.json"),
            keys: b => b.AddSigningKey(new ECDsaSecurityKey(ecdsa) { KeyId = "ec-1" }, SecurityAlgorithms.EcdsaSha256, activatesAt: now.AddSeconds(-1), retiresAt: null),
            start: now);
        var keySet = new JsonWebKeySet(await issuer.Client.GetStringAsync("/.well-known/pat-keys.json"));
        var pat = await issuer.IssueAsync();

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddAuthentication().AddJwtBearer(options =>
        {
            options.MapInboundClaims = false;
            options.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = TestApp.Issuer,
                ValidAudience = TestApp.Audience,
                IssuerSigningKeys = keySet.GetSigningKeys(),
                ValidTypes = ["pat+jwt"],
            };
        });
        builder.Services.AddAuthorization();
        await using var service = builder.Build();
        service.MapGet("/whoami", (System.Security.Claims.ClaimsPrincipal user) => user.FindFirst("sub")!.Value).RequireAuthorization();
        await service.StartAsync();
        using var client = service.GetTestClient();

        async Task<HttpResponseMessage> Call(string token)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "/whoami");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return await client.SendAsync(request);
        }

        var accepted = await Call(pat.Token);
        var tampered = await Call(pat.Token[..^4] + "AAAA");

        Assert.That(pat.KeyId, Is.EqualTo("ec-1"));
        Assert.That(accepted.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await accepted.Content.ReadAsStringAsync(), Is.EqualTo("alice"));
        Assert.That(tampered.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        await service.StopAsync();
    }
}
