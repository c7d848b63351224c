using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using PersonalAccessTokens.AspNetCore.Tests.Support;

namespace PersonalAccessTokens.AspNetCore.Tests.Endpoints;

/// <summary>
/// Minting and revoke-all act on a signed-in user's ambient credentials, so another site must not be able to make
/// the user's browser send them: a form post, a cross-site fetch, a request without the app's antiforgery token.
/// </summary>
public sealed class TokenEndpointsCrossSiteTests
{
    private static Task<TestApp> StartAsync(Action<IServiceCollection>? services = null, bool tokensMayManage = false) => TestApp.StartAsync(
        app =>
        {
            app.MapPersonalAccessTokens("/tokens", o =>
            {
                o.UserAuthenticationSchemes.Add(TestApp.UserScheme);
                o.AllowTokensToManageTokens = tokensMayManage;
            });
            app.MapGet("/repos", () => "ok").RequireScope("repo:read");
            app.MapGet("/antiforgery", (HttpContext context) => context.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(context).RequestToken!)
                .RequireAuthorization(policy => policy.AddAuthenticationSchemes(TestApp.UserScheme).RequireAuthenticatedUser());
        },
        services: services);

    private static async Task<HttpResponseMessage> PostAsync(TestApp app, string path, HttpContent content, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        request.Headers.Add(TestApp.UserHeader, "alice");
        foreach (var (name, value) in headers)
        {
            request.Headers.Add(name, value);
        }

        return await app.Client.SendAsync(request);
    }

    private static StringContent Form() => new("scopes=repo:read", Encoding.UTF8, "application/x-www-form-urlencoded");

    [TestCase("/tokens")]
    [TestCase("/tokens/revoke-all")]
    public async Task A_form_post_or_a_text_body_is_refused_and_changes_nothing(string path)
    {
        await using var app = await StartAsync();
        var pat = await app.IssueAsync();

        var form = await PostAsync(app, path, Form());
        var text = await PostAsync(app, path, new StringContent("{}", Encoding.UTF8, "text/plain"));

        Assert.That(form.StatusCode, Is.EqualTo(HttpStatusCode.UnsupportedMediaType));
        Assert.That(text.StatusCode, Is.EqualTo(HttpStatusCode.UnsupportedMediaType));
        Assert.That((await app.SendAsync(HttpMethod.Get, "/repos", pat.Token)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [TestCase("cross-site", HttpStatusCode.Forbidden)]
    [TestCase("same-site", HttpStatusCode.Forbidden)]
    [TestCase("same-origin", HttpStatusCode.NoContent)]
    [TestCase("none", HttpStatusCode.NoContent)]
    public async Task Revoke_all_by_a_signed_in_user_follows_the_browsers_fetch_metadata(string site, HttpStatusCode expected)
    {
        await using var app = await StartAsync();
        var pat = await app.IssueAsync();

        var response = await PostAsync(app, "/tokens/revoke-all", JsonContent.Create(new { }), ("Sec-Fetch-Site", site));

        Assert.That(response.StatusCode, Is.EqualTo(expected));
        var after = (await app.SendAsync(HttpMethod.Get, "/repos", pat.Token)).StatusCode;
        Assert.That(after, Is.EqualTo(expected == HttpStatusCode.NoContent ? HttpStatusCode.Unauthorized : HttpStatusCode.OK));
    }

    [TestCase("https://evil.example", HttpStatusCode.Forbidden)]
    [TestCase("null", HttpStatusCode.Forbidden)]
    [TestCase("http://localhost", HttpStatusCode.Created)]
    public async Task Minting_by_a_signed_in_user_requires_an_Origin_of_this_host_when_one_is_sent(string origin, HttpStatusCode expected)
    {
        await using var app = await StartAsync();

        var response = await PostAsync(app, "/tokens", JsonContent.Create(new { name = "test", scopes = new[] { "repo:read" } }), ("Origin", origin));

        Assert.That(response.StatusCode, Is.EqualTo(expected));
    }

    [Test]
    public async Task Where_the_app_uses_antiforgery_a_signed_in_user_needs_its_token()
    {
        await using var app = await StartAsync(services: s => s.AddAntiforgery(o => o.HeaderName = "X-CSRF"));

        // The antiforgery cookie and the request token, for the signed-in user.
        var issue = new HttpRequestMessage(HttpMethod.Get, "/antiforgery");
        issue.Headers.Add(TestApp.UserHeader, "alice");
        var issued = await app.Client.SendAsync(issue);
        var requestToken = await issued.Content.ReadAsStringAsync();
        var cookie = issued.Headers.GetValues("Set-Cookie").Single().Split(';')[0];
        HttpContent Mint() => JsonContent.Create(new { name = "test", scopes = new[] { "repo:read" } });

        var without = await PostAsync(app, "/tokens", Mint(), ("Cookie", cookie));
        var forged = await PostAsync(app, "/tokens", Mint(), ("Cookie", cookie), ("X-CSRF", "forged"));
        var with = await PostAsync(app, "/tokens", Mint(), ("Cookie", cookie), ("X-CSRF", requestToken));

        var noCookies = await PostAsync(app, "/tokens", Mint());

        Assert.That(issued.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(noCookies.StatusCode, Is.EqualTo(HttpStatusCode.Created), "a client without cookies has no ambient credentials to forge");
        Assert.That(without.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(forged.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(with.StatusCode, Is.EqualTo(HttpStatusCode.Created));
    }

    [Test]
    public async Task A_bearer_token_request_is_not_held_to_browser_checks()
    {
        await using var app = await StartAsync(tokensMayManage: true);
        var pat = await app.IssueAsync();

        var request = new HttpRequestMessage(HttpMethod.Post, "/tokens") { Content = JsonContent.Create(new { name = "test", scopes = new[] { "repo:read" } }) };
        request.Headers.Authorization = new("Bearer", pat.Token);
        request.Headers.Add(TestApp.UserHeader, "alice");
        request.Headers.Add("Sec-Fetch-Site", "cross-site");
        var response = await app.Client.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
    }

    [Test]
    public async Task A_body_over_16_KiB_is_refused_whether_or_not_it_declares_its_length()
    {
        await using var app = await StartAsync();
        var scopes = Enumerable.Repeat("repo:read", 2000).ToArray(); // About 24 KiB of JSON.
        var json = JsonSerializer.SerializeToUtf8Bytes(new { name = "test", scopes });

        var declared = await PostAsync(app, "/tokens", new ByteArrayContent(json) { Headers = { ContentType = new("application/json") } });
        var chunked = await PostAsync(app, "/tokens", new StreamContent(new UnseekableStream(json)) { Headers = { ContentType = new("application/json") } });

        Assert.That(json.Length, Is.GreaterThan(16 * 1024));
        Assert.That(declared.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
        Assert.That(chunked.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
    }

    /// <summary>A body whose length the client cannot know up front, so it is sent without Content-Length.</summary>
    private sealed class UnseekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
