using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using PersonalAccessTokens.AspNetCore.Tests.Support;

namespace PersonalAccessTokens.AspNetCore.Tests.Authentication;

public sealed class PersonalAccessTokenEventsTests
{
    private static void MapOk(WebApplication app) => app.MapGet("/ok", () => "ok").RequireScope("repo:read");

    [Test]
    public async Task MessageReceived_can_supply_the_token_from_elsewhere()
    {
        await using var app = await TestApp.StartAsync(MapOk, o => o.Events.OnMessageReceived = context =>
        {
            context.Token = context.Request.Query["access_token"];
            return Task.CompletedTask;
        });
        var pat = await app.IssueAsync();

        var response = await app.SendAsync(HttpMethod.Get, "/ok?access_token=" + pat.Token);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task TokenValidated_sees_the_token_and_can_fail_the_request()
    {
        string? seen = null;
        await using var app = await TestApp.StartAsync(MapOk, o => o.Events.OnTokenValidated = context =>
        {
            seen = context.Pat.Id;
            context.Fail("Blocked by policy.");
            return Task.CompletedTask;
        });
        var pat = await app.IssueAsync();

        var response = await app.SendAsync(HttpMethod.Get, "/ok", pat.Token);

        Assert.That(seen, Is.EqualTo(pat.Id));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task AuthenticationFailed_sees_the_failure()
    {
        PatValidationFailure? seen = null;
        await using var app = await TestApp.StartAsync(MapOk, o => o.Events.OnAuthenticationFailed = context =>
        {
            seen = context.Validation.Failure;
            return Task.CompletedTask;
        });

        await app.SendAsync(HttpMethod.Get, "/ok", "garbage");

        Assert.That(seen, Is.EqualTo(PatValidationFailure.Malformed));
    }

    [Test]
    public async Task Challenge_can_write_its_own_response()
    {
        await using var app = await TestApp.StartAsync(MapOk, o => o.Events.OnChallenge = async context =>
        {
            context.HandleResponse();
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            await context.Response.WriteAsync($"custom: {context.Error}");
        });

        var response = await app.SendAsync(HttpMethod.Get, "/ok", "garbage");

        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("custom: invalid_token"));
        Assert.That(response.Headers.WwwAuthenticate, Is.Empty);
    }

    [Test]
    public async Task Forbidden_sees_the_missing_scopes()
    {
        IReadOnlyList<string>? missing = null;
        await using var app = await TestApp.StartAsync(
            a => a.MapGet("/admin", () => "ok").RequireScope("admin"),
            o => o.Events.OnForbidden = context =>
            {
                missing = context.MissingScopes;
                return Task.CompletedTask;
            });
        var pat = await app.IssueAsync(scopes: ["repo:read"]);

        var response = await app.SendAsync(HttpMethod.Get, "/admin", pat.Token);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(missing, Is.EqualTo((string[])["admin"]));
    }
}
