using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
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

    [Test]
    public async Task A_derived_events_class_runs_though_it_sets_no_delegate()
    {
        await using var app = await TestApp.StartAsync(
            a => a.MapGet("/ok", (HttpContext context) => context.User.FindFirst("team")!.Value).RequireScope("repo:read"),
            o => o.EventsType = typeof(QueryTokenEvents),
            services => services.AddSingleton<QueryTokenEvents>());
        var pat = await app.IssueAsync();

        var response = await app.SendAsync(HttpMethod.Get, "/ok?access_token=" + pat.Token);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), "MessageReceived took the token from the query");
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("platform"), "TokenValidated's principal is the request's");
    }

    [Test]
    public async Task TokenValidated_can_replace_the_principal()
    {
        await using var app = await TestApp.StartAsync(
            a => a.MapGet("/ok", (HttpContext context) => context.User.FindFirst("team")!.Value).RequireScope("repo:read"),
            o => o.Events.OnTokenValidated = context =>
            {
                context.Principal = new ClaimsPrincipal(new ClaimsIdentity([.. context.Principal!.Claims, new Claim("team", "platform")], context.Scheme.Name, "sub", null));
                return Task.CompletedTask;
            });
        var pat = await app.IssueAsync();

        var response = await app.SendAsync(HttpMethod.Get, "/ok", pat.Token);

        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("platform"));
        Assert.That(response.Headers.Contains("Authentication-Token-Expiration"), Is.True);
    }

    /// <summary>Events as a class, the way <c>EventsType</c> takes them from DI: overrides, no delegates.</summary>
    private sealed class QueryTokenEvents : PersonalAccessTokenEvents
    {
        public override Task MessageReceived(PersonalAccessTokenMessageReceivedContext context)
        {
            context.Token = context.Request.Query["access_token"];
            return Task.CompletedTask;
        }

        public override Task TokenValidated(PersonalAccessTokenValidatedContext context)
        {
            ((ClaimsIdentity)context.Principal!.Identity!).AddClaim(new Claim("team", "platform"));
            return Task.CompletedTask;
        }
    }
}
