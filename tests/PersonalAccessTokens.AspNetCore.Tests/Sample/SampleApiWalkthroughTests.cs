using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using PersonalAccessTokens.SampleApi;

namespace PersonalAccessTokens.AspNetCore.Tests.Sample;

/// <summary>The README's curl walkthrough, against the sample on a real loopback port.</summary>
public sealed class SampleApiWalkthroughTests
{
    [Test]
    public async Task The_walkthrough_mints_reads_is_refused_a_write_revokes_and_is_rejected()
    {
        // A database of its own: one left in bin/ by an older build would have an older schema.
        var database = Path.Combine(Path.GetTempPath(), $"pat-walkthrough-{Guid.NewGuid():N}.db");
        await using var app = SampleApp.Create(["--urls", "http://127.0.0.1:0", "--environment", "Development", "--ConnectionStrings:PersonalAccessTokens", $"Data Source={database}"]);
        await app.StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };

        // 1. Mint a token with repo:read as the development user.
        using var mint = new HttpRequestMessage(HttpMethod.Post, "/tokens")
        {
            Content = JsonContent.Create(new { name = "laptop", scopes = new[] { "repo:read" }, expiresInDays = 7 }),
        };
        mint.Headers.Add("X-Dev-User", "alice");
        var minted = await client.SendAsync(mint);
        using var body = JsonDocument.Parse(await minted.Content.ReadAsStringAsync());
        var token = body.RootElement.GetProperty("token").GetString()!;
        Assert.That(minted.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(token, Does.StartWith("sample_pat_"));

        // 2. Read: 200 with the expiry header.
        var read = await Send(HttpMethod.Get, "/repos");
        Assert.That(read.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(read.Headers.GetValues("Authentication-Token-Expiration").Single(), Does.Match(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$"));

        // 3. Write: 403 insufficient_scope.
        var write = await Send(HttpMethod.Post, "/repos", JsonContent.Create(new { name = "octo/new" }));
        Assert.That(write.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(write.Headers.WwwAuthenticate.ToString(), Does.Contain("error=\"insufficient_scope\"").And.Contain("scope=\"repo:write\""));

        // 4. Revoke it.
        Assert.That((await Send(HttpMethod.Delete, "/tokens/self")).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));

        // 5. Read again: 401 invalid_token, revoked.
        var again = await Send(HttpMethod.Get, "/repos");
        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(again.Headers.WwwAuthenticate.ToString(), Does.Contain("error=\"invalid_token\"").And.Contain("revoked"));

        await app.StopAsync();

        async Task<HttpResponseMessage> Send(HttpMethod method, string path, HttpContent? content = null)
        {
            using var request = new HttpRequestMessage(method, path) { Content = content };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return await client.SendAsync(request);
        }
    }
}
