using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using PersonalAccessTokens.AspNetCore.Tests.Support;

namespace PersonalAccessTokens.AspNetCore.Tests.Authentication;

public sealed class PersonalAccessTokenHandlerTests
{
    private static void MapWhoAmI(WebApplication app) =>
        app.MapGet("/me", (HttpContext context) => new
        {
            Subject = context.User.Identity!.Name,
            Scopes = context.User.FindAll("scope").Select(c => c.Value).ToArray(),
            Id = context.User.FindFirst("jti")!.Value,
            Expires = context.User.FindFirst("exp")!.Value,
        }).RequireAuthorization();

    private static string Challenge(HttpResponseMessage response) => response.Headers.WwwAuthenticate.ToString();

    [Test]
    public async Task A_request_without_a_token_gets_401_with_a_bare_Bearer_challenge()
    {
        await using var app = await TestApp.StartAsync(MapWhoAmI);

        var response = await app.SendAsync(HttpMethod.Get, "/me");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(Challenge(response), Is.EqualTo("Bearer realm=\"https://api.example\""));
    }

    [Test]
    public async Task A_valid_token_authenticates_with_subject_scopes_id_and_expiry_and_sets_the_expiry_header()
    {
        await using var app = await TestApp.StartAsync(MapWhoAmI);
        var pat = await app.IssueAsync(scopes: ["repo:read", "admin"]);

        var response = await app.SendAsync(HttpMethod.Get, "/me", pat.Token);
        var body = await response.Content.ReadAsStringAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(body, Does.Contain("\"subject\":\"alice\"").And.Contain("repo:read").And.Contain("admin").And.Contain(pat.Id)
            .And.Contain(pat.ExpiresAt.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.That(response.Headers.GetValues("Authentication-Token-Expiration").Single(), Is.EqualTo(pat.ExpiresAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Test]
    public async Task The_expiry_header_name_is_configurable_and_can_be_turned_off()
    {
        await using var renamed = await TestApp.StartAsync(MapWhoAmI, o => o.ExpirationHeaderName = "X-Token-Expires");
        await using var off = await TestApp.StartAsync(MapWhoAmI, o => o.ExpirationHeaderName = null);

        var renamedResponse = await renamed.SendAsync(HttpMethod.Get, "/me", (await renamed.IssueAsync()).Token);
        var offResponse = await off.SendAsync(HttpMethod.Get, "/me", (await off.IssueAsync()).Token);

        Assert.That(renamedResponse.Headers.Contains("X-Token-Expires"), Is.True);
        Assert.That(renamedResponse.Headers.Contains("Authentication-Token-Expiration"), Is.False);
        Assert.That(offResponse.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(offResponse.Headers.Contains("Authentication-Token-Expiration"), Is.False);
    }

    [Test]
    public async Task An_expired_token_gets_401_invalid_token_naming_expiry_without_echoing_the_token()
    {
        await using var app = await TestApp.StartAsync(MapWhoAmI);
        var pat = await app.IssueAsync(lifetime: TimeSpan.FromHours(1));
        app.Time.Advance(TimeSpan.FromHours(2));

        var response = await app.SendAsync(HttpMethod.Get, "/me", pat.Token);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(Challenge(response), Is.EqualTo("Bearer realm=\"https://api.example\", error=\"invalid_token\", error_description=\"The token has expired.\""));
        Assert.That(response.Headers.ToString() + await response.Content.ReadAsStringAsync(), Does.Not.Contain(pat.Token.Split('.')[1]));
    }

    [Test]
    public async Task A_revoked_token_gets_401_invalid_token_naming_revocation()
    {
        await using var app = await TestApp.StartAsync(MapWhoAmI);
        var pat = await app.IssueAsync();
        await app.Revocations.RevokeAsync(pat);

        var response = await app.SendAsync(HttpMethod.Get, "/me", pat.Token);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(Challenge(response), Does.Contain("error=\"invalid_token\"").And.Contain("error_description=\"The token has been revoked.\""));
    }

    [TestCase("not-a-token")]
    [TestCase("a.b.c")]
    public async Task A_malformed_token_gets_401_invalid_token(string token)
    {
        await using var app = await TestApp.StartAsync(MapWhoAmI);

        var response = await app.SendAsync(HttpMethod.Get, "/me", token);

        Assert.That(Challenge(response), Does.Contain("error=\"invalid_token\", error_description=\"The token is malformed.\""));
        Assert.That(Challenge(response), Does.Not.Contain(token));
    }

    [Test]
    public async Task A_token_without_the_prefix_is_told_which_prefix_was_expected()
    {
        await using var app = await TestApp.StartAsync(MapWhoAmI, configureTokens: o => o.TokenPrefix = "acme_pat_");
        var pat = await app.IssueAsync();

        var response = await app.SendAsync(HttpMethod.Get, "/me", pat.Token["acme_pat_".Length..]);

        Assert.That(Challenge(response), Does.Contain("error_description=\"The token does not start with the expected prefix 'acme_pat_'.\""));
    }

    [Test]
    public async Task The_Basic_password_is_a_token_only_when_enabled()
    {
        await using var enabled = await TestApp.StartAsync(MapWhoAmI, o => o.AllowBasicAuthentication = true);
        await using var disabled = await TestApp.StartAsync(MapWhoAmI);

        async Task<HttpStatusCode> SendBasic(TestApp app)
        {
            var pat = await app.IssueAsync();
            var request = new HttpRequestMessage(HttpMethod.Get, "/me");
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("git:" + pat.Token)));
            return (await app.Client.SendAsync(request)).StatusCode;
        }

        Assert.That(await SendBasic(enabled), Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await SendBasic(disabled), Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task A_configured_header_carries_the_token_only_when_configured()
    {
        await using var configured = await TestApp.StartAsync(MapWhoAmI, o => o.TokenHeaderName = "PRIVATE-TOKEN");
        await using var plain = await TestApp.StartAsync(MapWhoAmI);

        async Task<HttpStatusCode> SendHeader(TestApp app)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "/me");
            request.Headers.Add("PRIVATE-TOKEN", (await app.IssueAsync()).Token);
            return (await app.Client.SendAsync(request)).StatusCode;
        }

        Assert.That(await SendHeader(configured), Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await SendHeader(plain), Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task The_realm_is_configurable()
    {
        await using var app = await TestApp.StartAsync(MapWhoAmI, o => o.Realm = "acme");

        var response = await app.SendAsync(HttpMethod.Get, "/me");

        Assert.That(Challenge(response), Is.EqualTo("Bearer realm=\"acme\""));
    }

    [Test]
    public async Task The_bearer_scheme_name_is_case_insensitive()
    {
        await using var app = await TestApp.StartAsync(MapWhoAmI);
        var request = new HttpRequestMessage(HttpMethod.Get, "/me");
        request.Headers.TryAddWithoutValidation("Authorization", "bearer " + (await app.IssueAsync()).Token);

        Assert.That((await app.Client.SendAsync(request)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    // The token is read from the header in place (RFC 9110 §11.4: scheme, whitespace, credentials), not by
    // AuthenticationHeaderValue: these pin what it accepts.
    [TestCase("Bearer  {0}")]
    [TestCase("Bearer\t{0}")]
    [TestCase(" Bearer {0} ")]
    [TestCase("BEARER {0}")]
    public async Task The_token_is_found_whatever_the_whitespace_around_it(string header)
    {
        await using var app = await TestApp.StartAsync(MapWhoAmI);
        var request = new HttpRequestMessage(HttpMethod.Get, "/me");
        request.Headers.TryAddWithoutValidation("Authorization", string.Format(System.Globalization.CultureInfo.InvariantCulture, header, (await app.IssueAsync()).Token));

        Assert.That((await app.Client.SendAsync(request)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [TestCase("Bearer")]
    [TestCase("Bearer   ")]
    [TestCase("Digest abc")]
    public async Task A_header_without_bearer_credentials_is_no_token_and_gets_a_bare_challenge(string header)
    {
        await using var app = await TestApp.StartAsync(MapWhoAmI);
        var request = new HttpRequestMessage(HttpMethod.Get, "/me");
        request.Headers.TryAddWithoutValidation("Authorization", header);

        var response = await app.Client.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(Challenge(response), Is.EqualTo("Bearer realm=\"https://api.example\""));
    }

    [Test]
    public async Task Credentials_with_a_space_inside_are_one_malformed_token()
    {
        await using var app = await TestApp.StartAsync(MapWhoAmI);
        var token = (await app.IssueAsync()).Token;
        var request = new HttpRequestMessage(HttpMethod.Get, "/me");
        request.Headers.TryAddWithoutValidation("Authorization", $"Bearer {token[..10]} {token[10..]}");

        var response = await app.Client.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(Challenge(response), Does.Contain("error=\"invalid_token\"").And.Contain("whitespace"));
    }
}
