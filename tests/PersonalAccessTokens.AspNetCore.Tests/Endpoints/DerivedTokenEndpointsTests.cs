using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using PersonalAccessTokens.AspNetCore.Tests.Support;

namespace PersonalAccessTokens.AspNetCore.Tests.Endpoints;

/// <summary>POST /tokens/self/derive: any token makes a narrower, shorter child that dies with it.</summary>
public sealed class DerivedTokenEndpointsTests
{
    private static Task<TestApp> StartAsync() => TestApp.StartAsync(app =>
    {
        app.MapPersonalAccessTokens("/tokens", o => o.UserAuthenticationSchemes.Add(TestApp.UserScheme));
        app.MapGet("/repos", () => "ok").RequireScope("repo:read");
        app.MapPost("/repos", () => "ok").RequireScope("repo:write");
    });

    private static async Task<(HttpResponseMessage Response, JsonElement Body)> DeriveAsync(TestApp app, string token, object body)
    {
        var response = await app.SendAsync(HttpMethod.Post, "/tokens/self/derive", token, JsonContent.Create(body));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (response, json.RootElement.Clone());
    }

    [Test]
    public async Task A_token_derives_a_ten_minute_read_only_child_that_works_until_its_parent_is_revoked()
    {
        await using var app = await StartAsync();
        var parent = await app.IssueAsync(scopes: ["repo:write"]);

        var (response, body) = await DeriveAsync(app, parent.Token, new { scopes = new[] { "repo:read" }, expiresInMinutes = 10, name = "ci-job-123" });
        var child = body.GetProperty("token").GetString()!;
        var read = await app.SendAsync(HttpMethod.Get, "/repos", child);
        var write = await app.SendAsync(HttpMethod.Post, "/repos", child);
        var listed = await app.SendAsync(HttpMethod.Get, "/tokens", user: "alice");
        await app.SendAsync(HttpMethod.Delete, "/tokens/self", parent.Token);
        var afterRevocation = await app.SendAsync(HttpMethod.Get, "/repos", child);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(response.Headers.CacheControl!.NoStore, Is.True);
        Assert.That(body.GetProperty("name").GetString(), Is.EqualTo("ci-job-123"));
        Assert.That(body.GetProperty("expiresAt").GetDateTimeOffset(), Is.EqualTo(TestApp.Start.AddMinutes(10)));
        Assert.That(read.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(write.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(await listed.Content.ReadAsStringAsync(), Does.Contain($"\"parentId\":\"{parent.Id}\""));
        Assert.That(afterRevocation.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(afterRevocation.Headers.WwwAuthenticate.ToString(), Does.Contain("The token has been revoked."));
    }

    [Test]
    public async Task A_scope_the_parent_lacks_is_refused_with_problem_details_and_the_issuers_code()
    {
        await using var app = await StartAsync();
        var parent = await app.IssueAsync(scopes: ["repo:read"]);

        var (response, body) = await DeriveAsync(app, parent.Token, new { scopes = new[] { "repo:write" } });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/problem+json"));
        Assert.That(body.GetProperty("code").GetString(), Is.EqualTo(nameof(PatIssueErrorCode.ScopeNotGranted)));
    }

    [Test]
    public async Task A_child_outliving_its_parent_or_too_deep_is_refused()
    {
        await using var app = await StartAsync();
        var parent = await app.IssueAsync(scopes: ["repo:read"], lifetime: TimeSpan.FromHours(1));

        var (tooLong, tooLongBody) = await DeriveAsync(app, parent.Token, new { scopes = new[] { "repo:read" }, expiresInMinutes = 61 });
        var (_, child) = await DeriveAsync(app, parent.Token, new { scopes = new[] { "repo:read" } });
        var (_, grandchild) = await DeriveAsync(app, child.GetProperty("token").GetString()!, new { scopes = new[] { "repo:read" } });
        var (tooDeep, tooDeepBody) = await DeriveAsync(app, grandchild.GetProperty("token").GetString()!, new { scopes = new[] { "repo:read" } });

        Assert.That(tooLong.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(tooLongBody.GetProperty("code").GetString(), Is.EqualTo(nameof(PatIssueErrorCode.LifetimeTooLong)));
        Assert.That(tooDeep.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(tooDeepBody.GetProperty("code").GetString(), Is.EqualTo(nameof(PatIssueErrorCode.DerivationTooDeep)));
    }

    [TestCase("{\"scopes\": [\"repo:read\"], \"expiresIn\": 10}", "'expiresIn' is not a member")]
    [TestCase("{\"scopes\": [\"repo:read\"], \"expiresInMinutes\": 0}", "expiresInMinutes must be a positive")]
    public async Task A_bad_body_is_refused_by_name(string body, string detail)
    {
        await using var app = await StartAsync();
        var parent = await app.IssueAsync(scopes: ["repo:read"]);

        var response = await app.SendAsync(HttpMethod.Post, "/tokens/self/derive", parent.Token, new StringContent(body, Encoding.UTF8, "application/json"));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(json.RootElement.GetProperty("detail").GetString(), Does.Contain(detail));
    }

    [Test]
    public async Task A_signed_in_user_without_a_token_cannot_derive()
    {
        await using var app = await StartAsync();

        var response = await app.SendAsync(HttpMethod.Post, "/tokens/self/derive", content: JsonContent.Create(new { scopes = new[] { "repo:read" } }), user: "alice");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task A_derived_token_cannot_rotate_itself()
    {
        await using var app = await StartAsync();
        var parent = await app.IssueAsync(scopes: ["repo:read"]);
        var (_, child) = await DeriveAsync(app, parent.Token, new { scopes = new[] { "repo:read" } });

        var response = await app.SendAsync(HttpMethod.Post, "/tokens/self/rotate", child.GetProperty("token").GetString(), JsonContent.Create(new { }));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(json.RootElement.GetProperty("code").GetString(), Is.EqualTo(nameof(PatIssueErrorCode.DerivedTokenNotRotatable)));
    }
}
