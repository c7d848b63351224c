using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using PersonalAccessTokens.AspNetCore.Tests.Support;

namespace PersonalAccessTokens.AspNetCore.Tests.Endpoints;

/// <summary>With AllowTokensToManageTokens on, a token minting gets a derived token: within its scopes and life, dead with it.</summary>
public sealed class TokenMintedByTokenTests
{
    private static Task<TestApp> StartAsync() => TestApp.StartAsync(app =>
        app.MapPersonalAccessTokens("/tokens", o => o.AllowTokensToManageTokens = true));

    private static async Task<(HttpStatusCode Status, JsonElement Body)> MintAsync(TestApp app, IssuedPat parent, object body)
    {
        var response = await app.SendAsync(HttpMethod.Post, "/tokens", parent.Token, JsonContent.Create(body));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (response.StatusCode, json.RootElement.Clone());
    }

    [Test]
    public async Task A_token_cannot_mint_a_scope_it_does_not_grant()
    {
        await using var app = await StartAsync();
        var parent = await app.IssueAsync(scopes: ["repo:read"], lifetime: TimeSpan.FromHours(1));

        var (status, body) = await MintAsync(app, parent, new { name = "test", scopes = new[] { "admin" } });

        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(body.GetProperty("code").GetString(), Is.EqualTo(nameof(PatIssueErrorCode.ScopeNotGranted)));
    }

    [Test]
    public async Task A_token_may_mint_a_scope_it_grants_by_implication()
    {
        await using var app = await StartAsync();
        var parent = await app.IssueAsync(scopes: ["repo:write"], lifetime: TimeSpan.FromDays(3));

        var (status, _) = await MintAsync(app, parent, new { name = "test", scopes = new[] { "repo:read" } });

        Assert.That(status, Is.EqualTo(HttpStatusCode.Created));
    }

    [Test]
    public async Task A_token_cannot_mint_a_token_that_outlives_it()
    {
        await using var app = await StartAsync();
        var parent = await app.IssueAsync(scopes: ["repo:read"], lifetime: TimeSpan.FromHours(1));

        var (status, body) = await MintAsync(app, parent, new { name = "test", scopes = new[] { "repo:read" }, expiresInDays = 366 });

        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(body.GetProperty("code").GetString(), Is.EqualTo(nameof(PatIssueErrorCode.LifetimeTooLong)));
    }

    [Test]
    public async Task Without_a_lifetime_the_minted_token_ends_when_its_parent_does()
    {
        await using var app = await StartAsync();
        var parent = await app.IssueAsync(scopes: ["repo:read"], lifetime: TimeSpan.FromHours(1));

        var (status, body) = await MintAsync(app, parent, new { name = "test", scopes = new[] { "repo:read" } });

        Assert.That(status, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(body.GetProperty("expiresAt").GetDateTimeOffset(), Is.EqualTo(parent.ExpiresAt));
    }

    [Test]
    public async Task The_minted_token_is_derived_and_dies_when_its_parent_is_revoked()
    {
        await using var app = await StartAsync();
        var parent = await app.IssueAsync(scopes: ["repo:write"], lifetime: TimeSpan.FromDays(3));

        var (_, body) = await MintAsync(app, parent, new { name = "test", scopes = new[] { "repo:read" } });
        var child = body.GetProperty("token").GetString()!;
        var described = await app.SendAsync(HttpMethod.Get, "/tokens/self", child);
        await app.Revocations.RevokeAsync(parent);
        var afterRevocation = await app.SendAsync(HttpMethod.Get, "/tokens/self", child);

        Assert.That(body.GetProperty("expiresAt").GetDateTimeOffset(), Is.EqualTo(TestApp.Start.AddHours(1)), "the derived default, not 30 days");
        Assert.That(described.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(afterRevocation.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }
}
