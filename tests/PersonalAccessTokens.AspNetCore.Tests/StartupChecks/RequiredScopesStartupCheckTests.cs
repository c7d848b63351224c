using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using PersonalAccessTokens.AspNetCore.Tests.Support;

namespace PersonalAccessTokens.AspNetCore.Tests.StartupChecks;

/// <summary>A required scope the catalog does not know would answer 403 forever: start-up fails instead, naming each.</summary>
public sealed class RequiredScopesStartupCheckTests
{
    [Test]
    public void Start_up_fails_naming_every_unknown_scope_and_the_endpoint_it_is_on()
    {
        var error = Assert.ThrowsAsync<InvalidOperationException>(() => TestApp.StartAsync(
            app =>
            {
                app.MapGet("/repos", () => "ok").RequireScope("repo:raed");
                app.MapGroup("/orgs").RequireScope("admin", "org:wirte").MapDelete("/{org}", (string org) => org);
                app.MapGet("/attribute", [RequireScope("repo:writ")] () => "ok");
                app.MapGet("/policy", () => "ok").RequireAuthorization("Typo");
            },
            services: services => services.AddAuthorizationBuilder().AddPolicy("Typo", p => p.RequireScope("repo:reed"))));

        Assert.That(error!.Message, Does.Contain("RequireScope(\"repo:raed\") on GET /repos: 'repo:raed' is not a registered scope."));
        Assert.That(error.Message, Does.Contain("RequireScope(\"admin\", \"org:wirte\") on DELETE /orgs/{org}: 'org:wirte' is not a registered scope."));
        Assert.That(error.Message, Does.Contain("RequireScope(\"repo:writ\") on GET /attribute: 'repo:writ' is not a registered scope."));
        Assert.That(error.Message, Does.Contain("Policy 'Typo' (RequireScope(\"repo:reed\")) on GET /policy: 'repo:reed' is not a registered scope."));
        Assert.That(error.Message, Does.Not.Contain("'admin' is not"));
    }

    [Test]
    public void A_scope_in_the_fallback_policy_is_checked_too()
    {
        var error = Assert.ThrowsAsync<InvalidOperationException>(() => TestApp.StartAsync(
            app => app.MapGet("/", () => "ok"),
            services: services => services.AddAuthorizationBuilder().SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireScope("raed").Build())));

        Assert.That(error!.Message, Does.Contain("The fallback authorization policy (RequireScope(\"raed\")): 'raed' is not a registered scope."));
    }

    [Test]
    public async Task An_app_whose_scopes_are_all_registered_starts()
    {
        await using var app = await TestApp.StartAsync(app =>
        {
            app.MapGet("/repos", () => "ok").RequireScope("repo:read");
            app.MapGet("/attribute", [RequireScope("repo:write")] () => "ok");
        });

        var response = await app.SendAsync(HttpMethod.Get, "/repos", (await app.IssueAsync(scopes: ["repo:read"])).Token);

        Assert.That(response.IsSuccessStatusCode, Is.True);
    }
}
