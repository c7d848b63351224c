using System.Net;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using PersonalAccessTokens.AspNetCore.Tests.Support;

namespace PersonalAccessTokens.AspNetCore.Tests.Authorization;

/// <summary>
/// An app whose default scheme is a cookie login, as the README's UserAuthenticationSchemes hint leads to. A scope
/// is about tokens, so every RequireScope style names the PAT scheme: before, each answered 500 ("No
/// authenticationScheme was specified, and there was no DefaultChallengeScheme found") or redirected to a login page.
/// </summary>
public sealed class RequireScopeUnderAnotherDefaultSchemeTests
{
    private static Task<TestApp> StartAsync() => TestApp.StartAsync(
        app =>
        {
            app.MapGet("/convention", () => "ok").RequireScope("repo:read");
            app.MapGet("/policy", () => "ok").RequireAuthorization("ReadRepos");
            app.MapGet("/attribute", [RequireScope("repo:read")] () => "ok");
        },
        services: services =>
        {
            services.AddAuthentication().AddCookie();
            services.Configure<AuthenticationOptions>(o =>
            {
                o.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                o.DefaultChallengeScheme = null;
                o.DefaultAuthenticateScheme = null;
            });
            services.AddAuthorizationBuilder().AddPolicy("ReadRepos", policy => policy.RequireScope("repo:read"));
        });

    [TestCase("/convention")]
    [TestCase("/policy")]
    [TestCase("/attribute")]
    public async Task A_valid_token_with_the_scope_gets_200(string path)
    {
        await using var app = await StartAsync();
        var pat = await app.IssueAsync(scopes: ["repo:read"]);

        var response = await app.SendAsync(HttpMethod.Get, path, pat.Token);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [TestCase("/convention")]
    [TestCase("/policy")]
    [TestCase("/attribute")]
    public async Task No_token_gets_the_bearer_challenge_not_a_login_redirect(string path)
    {
        await using var app = await StartAsync();

        var response = await app.SendAsync(HttpMethod.Get, path);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(response.Headers.WwwAuthenticate.ToString(), Does.StartWith("Bearer realm="));
    }

    [TestCase("/convention")]
    [TestCase("/policy")]
    [TestCase("/attribute")]
    public async Task A_token_without_the_scope_gets_403_insufficient_scope(string path)
    {
        await using var app = await StartAsync();
        var pat = await app.IssueAsync(scopes: ["admin"]);

        var response = await app.SendAsync(HttpMethod.Get, path, pat.Token);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(response.Headers.WwwAuthenticate.ToString(), Does.Contain("error=\"insufficient_scope\""));
    }
}
