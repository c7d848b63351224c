using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using PersonalAccessTokens.AspNetCore.Tests.Support;

namespace PersonalAccessTokens.AspNetCore.Tests.Authentication;

/// <summary>
/// The scheme shares per-token work between requests (the validated token, its feature, its expiry header), so
/// these pin that the principal is never shared: what one request's claims transformation does to it stays there.
/// </summary>
public sealed class ClaimsTransformationIsolationTests
{
    private static void MapClaims(WebApplication app) =>
        app.MapGet("/claims", (HttpContext context) => new
        {
            Requests = context.User.FindAll("request").Select(c => c.Value).ToArray(),
            Identities = context.User.Identities.Count(),
            Scopes = context.User.FindAll("scope").Select(c => c.Value).ToArray(),
        }).RequireScope("repo:read");

    [Test]
    public async Task A_transformation_that_changes_one_request_principal_does_not_leak_into_the_next_with_the_same_token()
    {
        await using var app = await TestApp.StartAsync(MapClaims, services: s => s.AddHttpContextAccessor().AddTransient<IClaimsTransformation, RequestStampingTransformation>());
        var pat = await app.IssueAsync(scopes: ["repo:read", "admin"]);

        var first = await GetAsync(app, pat.Token, "one");
        var second = await GetAsync(app, pat.Token, "two");

        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await first.Content.ReadAsStringAsync(), Is.EqualTo("""{"requests":["one"],"identities":2,"scopes":["repo:read"]}"""));
        Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await second.Content.ReadAsStringAsync(), Is.EqualTo("""{"requests":["two"],"identities":2,"scopes":["repo:read"]}"""));
    }

    [Test]
    public async Task A_transformation_does_not_change_what_the_validated_token_grants()
    {
        await using var app = await TestApp.StartAsync(
            a => a.MapGet("/admin", () => "ok").RequireScope("admin"),
            services: s => s.AddHttpContextAccessor().AddTransient<IClaimsTransformation, RequestStampingTransformation>());
        var pat = await app.IssueAsync(scopes: ["repo:read", "admin"]);

        var responses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            responses.Add((await GetAsync(app, pat.Token, $"r{i}", "/admin")).StatusCode);
        }

        // The transformation removed the admin scope claim each time; the scope check reads the token, which still grants it.
        Assert.That(responses, Is.All.EqualTo(HttpStatusCode.OK));
    }

    private static Task<HttpResponseMessage> GetAsync(TestApp app, string token, string requestName, string path = "/claims")
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        request.Headers.Add("X-Request", requestName);
        return app.Client.SendAsync(request);
    }

    /// <summary>
    /// Changes the principal in place, as transformations in the wild do: a claim naming this request on the token's
    /// own identity, one of its claims removed, and one more identity.
    /// </summary>
    private sealed class RequestStampingTransformation(IHttpContextAccessor accessor) : IClaimsTransformation
    {
        public Task<ClaimsPrincipal> TransformAsync(ClaimsPrincipal principal)
        {
            var identity = (ClaimsIdentity)principal.Identity!;
            identity.AddClaim(new Claim("request", accessor.HttpContext!.Request.Headers["X-Request"].ToString()));
            if (identity.FindFirst(c => c.Type == "scope" && c.Value == "admin") is { } admin)
            {
                identity.RemoveClaim(admin);
            }

            principal.AddIdentity(new ClaimsIdentity([new Claim("added-by", "transformation")]));
            return Task.FromResult(principal);
        }
    }
}
