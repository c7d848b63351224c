using System.Net;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using PersonalAccessTokens.AspNetCore.Tests.Support;

namespace PersonalAccessTokens.AspNetCore.Tests.Authorization;

public sealed class ScopeAuthorizationTests
{
    private static async Task<TestApp> StartAsync() => await TestApp.StartAsync(
        app =>
        {
            app.MapGet("/convention", () => "ok").RequireScope("repo:read");
            app.MapGroup("/group").RequireScope("repo:write").MapGet("/", () => "ok");
            app.MapGet("/policy", () => "ok").RequireAuthorization("WriteRepos");
            app.MapGet("/attribute", [RequireScope("admin")] () => "ok");
            app.MapGet("/both", () => "ok").RequireScope("repo:read", "admin");
            app.MapControllers();
        },
        services: services =>
        {
            services.AddAuthorizationBuilder().AddPolicy("WriteRepos", policy => policy.RequireScope("repo:write"));
            services.AddControllers().AddApplicationPart(typeof(ReposController).Assembly);
        });

    [TestCase("/convention", "repo:read", HttpStatusCode.OK)]
    [TestCase("/convention", "repo:write", HttpStatusCode.OK)]
    [TestCase("/convention", "admin", HttpStatusCode.Forbidden)]
    [TestCase("/group", "repo:write", HttpStatusCode.OK)]
    [TestCase("/group", "repo:read", HttpStatusCode.Forbidden)]
    [TestCase("/policy", "repo:write", HttpStatusCode.OK)]
    [TestCase("/policy", "repo:read", HttpStatusCode.Forbidden)]
    [TestCase("/attribute", "admin", HttpStatusCode.OK)]
    [TestCase("/attribute", "repo:write", HttpStatusCode.Forbidden)]
    [TestCase("/controller", "repo:read", HttpStatusCode.OK)]
    [TestCase("/controller", "admin", HttpStatusCode.Forbidden)]
    public async Task Each_style_grants_a_scope_directly_or_by_implication_and_forbids_without_it(string path, string granted, HttpStatusCode expected)
    {
        await using var app = await StartAsync();
        var pat = await app.IssueAsync(scopes: [granted]);

        var response = await app.SendAsync(HttpMethod.Get, path, pat.Token);

        Assert.That(response.StatusCode, Is.EqualTo(expected));
    }

    [Test]
    public async Task A_missing_scope_gets_403_insufficient_scope_naming_the_missing_scopes()
    {
        await using var app = await StartAsync();
        var pat = await app.IssueAsync(scopes: ["repo:read"]);

        var response = await app.SendAsync(HttpMethod.Get, "/both", pat.Token);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(response.Headers.WwwAuthenticate.ToString(),
            Is.EqualTo("Bearer realm=\"https://api.example\", error=\"insufficient_scope\", error_description=\"The token lacks a required scope.\", scope=\"admin\""));
    }

    [Test]
    public async Task An_anonymous_request_to_a_scoped_endpoint_is_challenged_not_forbidden()
    {
        await using var app = await StartAsync();

        var response = await app.SendAsync(HttpMethod.Get, "/convention");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public void A_scope_requirement_needs_a_scope()
    {
        Assert.Throws<ArgumentException>(() => _ = new PersonalAccessTokenScopeRequirement([]));
        Assert.Throws<ArgumentException>(() => _ = new RequireScopeAttribute(""));
    }
}

[ApiController]
[Route("controller")]
[RequireScope("repo:read")]
public sealed class ReposController : ControllerBase
{
    [HttpGet]
    public string Get() => "ok";
}
