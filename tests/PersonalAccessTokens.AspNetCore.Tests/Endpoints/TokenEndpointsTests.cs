using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using PersonalAccessTokens.AspNetCore.Tests.Support;

namespace PersonalAccessTokens.AspNetCore.Tests.Endpoints;

public sealed class TokenEndpointsTests
{
    private static Task<TestApp> StartAsync(bool tokensMayManage = false) => TestApp.StartAsync(app =>
    {
        app.MapPersonalAccessTokens("/tokens", o =>
        {
            o.UserAuthenticationSchemes.Add(TestApp.UserScheme);
            o.AllowTokensToManageTokens = tokensMayManage;
        });
        app.MapGet("/repos", () => "ok").RequireScope("repo:read");
    });

    private static JsonContent Body(object value) => JsonContent.Create(value);

    [Test]
    public async Task Post_mints_a_token_for_the_signed_in_user_shown_once_and_not_cached()
    {
        await using var app = await StartAsync();

        var response = await app.SendAsync(HttpMethod.Post, "/tokens", content: Body(new { name = "laptop", scopes = new[] { "repo:read" }, expiresInDays = 7 }), user: "alice");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var token = json.RootElement.GetProperty("token").GetString()!;

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(response.Headers.CacheControl!.NoStore, Is.True);
        Assert.That(json.RootElement.GetProperty("subject").GetString(), Is.EqualTo("alice"));
        Assert.That(json.RootElement.GetProperty("name").GetString(), Is.EqualTo("laptop"));
        Assert.That(json.RootElement.GetProperty("expiresAt").GetDateTimeOffset(), Is.EqualTo(TestApp.Start.AddDays(7)));
        Assert.That(response.Headers.Location!.ToString(), Is.EqualTo("/tokens/" + json.RootElement.GetProperty("id").GetString()));
        Assert.That((await app.SendAsync(HttpMethod.Get, "/repos", token)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Post_refuses_an_unknown_scope_with_problem_details_and_its_code()
    {
        await using var app = await StartAsync();

        var response = await app.SendAsync(HttpMethod.Post, "/tokens", content: Body(new { name = "test", scopes = new[] { "repo:delete" } }), user: "alice");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/problem+json"));
        Assert.That(json.RootElement.GetProperty("code").GetString(), Is.EqualTo("UnknownScope"));
        Assert.That(json.RootElement.GetProperty("detail").GetString(), Does.Contain("repo:delete"));
    }

    [TestCase("{not json")]
    [TestCase("{\"expiresInDays\": 0}")]
    [TestCase("{\"expiresInDays\": \"soon\"}")]
    public async Task Post_answers_a_bad_body_with_problem_details(string body)
    {
        await using var app = await StartAsync();

        var response = await app.SendAsync(HttpMethod.Post, "/tokens", content: new StringContent(body, Encoding.UTF8, "application/json"), user: "alice");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/problem+json"));
    }

    [Test]
    public async Task Post_without_a_signed_in_user_is_challenged()
    {
        await using var app = await StartAsync();

        var response = await app.SendAsync(HttpMethod.Post, "/tokens", content: Body(new { name = "test", scopes = new[] { "repo:read" } }));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task A_token_may_not_mint_tokens_unless_configured_to()
    {
        await using var strict = await StartAsync();
        await using var lenient = await StartAsync(tokensMayManage: true);

        async Task<HttpStatusCode> MintWithToken(TestApp app)
        {
            var pat = await app.IssueAsync();
            return (await app.SendAsync(HttpMethod.Post, "/tokens", pat.Token, Body(new { name = "test", scopes = new[] { "repo:read" } }), user: "alice")).StatusCode;
        }

        Assert.That(await MintWithToken(strict), Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(await MintWithToken(lenient), Is.EqualTo(HttpStatusCode.Created));
    }

    [Test]
    public async Task Get_self_describes_the_presented_token_without_its_text()
    {
        await using var app = await StartAsync();
        var pat = await app.IssueAsync(scopes: ["repo:write"]);

        var response = await app.SendAsync(HttpMethod.Get, "/tokens/self", pat.Token);
        var body = await response.Content.ReadAsStringAsync();
        using var json = JsonDocument.Parse(body);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(json.RootElement.GetProperty("id").GetString(), Is.EqualTo(pat.Id));
        Assert.That(json.RootElement.GetProperty("scopes")[0].GetString(), Is.EqualTo("repo:write"));
        Assert.That(json.RootElement.GetProperty("expiresAt").GetDateTimeOffset(), Is.EqualTo(pat.ExpiresAt));
        Assert.That(json.RootElement.TryGetProperty("token", out var token) && token.ValueKind != JsonValueKind.Null, Is.False);
        Assert.That(body, Does.Not.Contain(pat.Token.Split('.')[1]));
    }

    [Test]
    public async Task Delete_self_revokes_the_presented_token()
    {
        await using var app = await StartAsync();
        var pat = await app.IssueAsync();

        var deleted = await app.SendAsync(HttpMethod.Delete, "/tokens/self", pat.Token);
        var after = await app.SendAsync(HttpMethod.Get, "/repos", pat.Token);

        Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(after.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(after.Headers.WwwAuthenticate.ToString(), Does.Contain("revoked"));
    }

    [Test]
    public async Task Self_endpoints_need_a_token()
    {
        await using var app = await StartAsync();

        Assert.That((await app.SendAsync(HttpMethod.Get, "/tokens/self", user: "alice")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That((await app.SendAsync(HttpMethod.Delete, "/tokens/self", user: "alice")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task Revoke_all_revokes_every_token_of_the_signed_in_user_only()
    {
        await using var app = await StartAsync();
        var first = await app.IssueAsync();
        var second = await app.IssueAsync(scopes: ["repo:write"]);
        var others = await app.IssueAsync(subject: "bob");

        var response = await app.SendAsync(HttpMethod.Post, "/tokens/revoke-all", content: Body(new { }), user: "alice");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That((await app.SendAsync(HttpMethod.Get, "/repos", first.Token)).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That((await app.SendAsync(HttpMethod.Get, "/repos", second.Token)).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That((await app.SendAsync(HttpMethod.Get, "/repos", others.Token)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Revoke_all_with_a_token_is_refused_by_default()
    {
        await using var app = await StartAsync();
        var pat = await app.IssueAsync();

        var response = await app.SendAsync(HttpMethod.Post, "/tokens/revoke-all", pat.Token, Body(new { }), user: "alice");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That((await app.SendAsync(HttpMethod.Get, "/repos", pat.Token)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task A_token_calling_post_gets_403_problem_details_naming_the_option_that_allows_it()
    {
        await using var app = await StartAsync();
        var pat = await app.IssueAsync(scopes: ["repo:read"]);

        var response = await app.SendAsync(HttpMethod.Post, "/tokens", pat.Token, Body(new { name = "ci", scopes = new[] { "repo:read" } }));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/problem+json"));
        Assert.That(json.RootElement.GetProperty("detail").GetString(), Does.Contain("AllowTokensToManageTokens"));
    }

    [TestCase("{\"name\": \"ci\", \"scopes\": [\"repo:read\"], \"expiresIn\": 7}", "'expiresIn' is not a member")]
    [TestCase("{\"name\": \"ci\", \"scope\": [\"repo:read\"]}", "'scope' is not a member")]
    [TestCase("{\"name\": \"ci\", \"scopes\": \"repo:read\"}", "'scopes' has the wrong type")]
    public async Task Post_refuses_an_unknown_or_mistyped_member_by_name_rather_than_minting_a_default_token(string body, string detail)
    {
        await using var app = await StartAsync();

        var response = await app.SendAsync(HttpMethod.Post, "/tokens", content: new StringContent(body, Encoding.UTF8, "application/json"), user: "alice");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var listed = await app.SendAsync(HttpMethod.Get, "/tokens", user: "alice");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(json.RootElement.GetProperty("detail").GetString(), Does.Contain(detail));
        Assert.That(await listed.Content.ReadAsStringAsync(), Is.EqualTo("[]"), "nothing was minted");
    }

    [TestCase("{\"scopes\": [\"repo:read\"]}")]
    [TestCase("{\"name\": \"  \", \"scopes\": [\"repo:read\"]}")]
    public async Task Post_requires_a_name(string body)
    {
        await using var app = await StartAsync();

        var response = await app.SendAsync(HttpMethod.Post, "/tokens", content: new StringContent(body, Encoding.UTF8, "application/json"), user: "alice");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(json.RootElement.GetProperty("detail").GetString(), Does.StartWith("name is required"));
    }
}
