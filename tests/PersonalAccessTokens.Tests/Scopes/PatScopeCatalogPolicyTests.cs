using PersonalAccessTokens.Tests.Support;

namespace PersonalAccessTokens.Tests.Scopes;

public sealed class PatScopeCatalogPolicyTests : HostFixture
{
    protected override TestHost CreateHost() => TestHost.Create(build: b => b
        .AddScope("org:admin", implies: ["org:write"])
        .AddScope("org:write", implies: ["org:read"])
        .AddScope("org:read")
        .AddScope("owner", implies: ["org:admin", "admin"])); // admin is capped at 7 days.

    [Test]
    public void Validate_refuses_a_null_or_malformed_required_scope_whatever_the_token()
    {
        Assert.Multiple(() =>
        {
            Assert.ThrowsAsync<ArgumentException>(async () => await Host.Validator.ValidateAsync("not a token", [null!]));
            Assert.ThrowsAsync<ArgumentException>(async () => await Host.Validator.ValidateAsync("not a token", ["repo read"]));
            Assert.ThrowsAsync<ArgumentException>(async () => await Host.Validator.ValidateAsync("", new List<string> { "" }));
            Assert.ThrowsAsync<ArgumentException>(async () => await Host.Validator.ValidateAsync("x", new HashSet<string> { "a\"b" }));
        });
    }

    [Test]
    public async Task Validate_with_well_formed_required_scopes_still_returns_failures_as_results()
    {
        Assert.That((await Host.Validator.ValidateAsync("not a token", ["repo:read"])).Failure, Is.EqualTo(PatValidationFailure.Malformed));
    }

    [Test]
    public async Task Issue_applies_the_lifetime_cap_of_an_implied_scope()
    {
        var tooLong = await Host.TokenIssuer.IssueAsync(new PatIssueRequest { Subject = "alice", Scopes = ["owner"], Lifetime = TimeSpan.FromDays(366) });
        var byDefault = await Host.IssueAsync(scopes: ["owner"]);

        Assert.That(tooLong.Error?.Code, Is.EqualTo(PatIssueErrorCode.LifetimeTooLong));
        Assert.That(byDefault.ExpiresAt - byDefault.IssuedAt, Is.EqualTo(TimeSpan.FromDays(7)));
    }

    [Test]
    public async Task Validate_applies_the_lifetime_cap_of_an_implied_scope()
    {
        var token = TokenForge.Sign(payload: TokenForge.Payload(
            scope: "\"owner\"", exp: (TokenForge.Now + (long)TimeSpan.FromDays(30).TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture)));

        Assert.That((await Host.Validator.ValidateAsync(token)).Failure, Is.EqualTo(PatValidationFailure.LifetimeExceeded));
    }

    [Test]
    public async Task Validate_with_required_scopes_accepts_a_directly_granted_scope()
    {
        var pat = await Host.IssueAsync(scopes: ["repo:read"]);

        var result = await Host.Validator.ValidateAsync(pat.Token, ["repo:read"]);

        Assert.That(result.IsValid, Is.True, result.Message);
    }

    [Test]
    public async Task Validate_with_required_scopes_accepts_a_scope_granted_by_implication()
    {
        var pat = await Host.IssueAsync(scopes: ["repo:write"]);

        var result = await Host.Validator.ValidateAsync(pat.Token, ["repo:read", "repo:write"]);

        Assert.That(result.IsValid, Is.True, result.Message);
    }

    [Test]
    public async Task Validate_with_required_scopes_follows_implications_transitively()
    {
        var pat = await Host.IssueAsync(scopes: ["org:admin"]);

        Assert.That((await Host.Validator.ValidateAsync(pat.Token, ["org:read"])).IsValid, Is.True);
        Assert.That(pat.Scopes, Is.EqualTo((string[])["org:admin"]), "implied scopes are not written into the token");
    }

    [Test]
    public async Task Validate_with_required_scopes_rejects_a_scope_that_is_only_implied_the_other_way()
    {
        var pat = await Host.IssueAsync(scopes: ["repo:read"]);

        var result = await Host.Validator.ValidateAsync(pat.Token, ["repo:write"]);

        Assert.That(result.Failure, Is.EqualTo(PatValidationFailure.InsufficientScope));
    }

    [Test]
    public async Task Validate_with_required_scopes_needs_every_one_of_them()
    {
        var pat = await Host.IssueAsync(scopes: ["repo:read"]);

        Assert.That((await Host.Validator.ValidateAsync(pat.Token, new List<string> { "repo:read", "admin" })).Failure, Is.EqualTo(PatValidationFailure.InsufficientScope));
        Assert.That((await Host.Validator.ValidateAsync(pat.Token, new HashSet<string> { "repo:read", "admin" })).Failure, Is.EqualTo(PatValidationFailure.InsufficientScope));
    }

    [Test]
    public async Task Validate_with_required_scopes_compares_case_sensitively()
    {
        var pat = await Host.IssueAsync(scopes: ["repo:read"]);

        Assert.That((await Host.Validator.ValidateAsync(pat.Token, ["REPO:READ"])).Failure, Is.EqualTo(PatValidationFailure.InsufficientScope));
    }

    [Test]
    public async Task Validate_with_no_required_scopes_accepts_a_token_without_scopes()
    {
        var pat = await Host.IssueAsync(scopes: []);

        Assert.That((await Host.Validator.ValidateAsync(pat.Token, [])).IsValid, Is.True);
    }

    [Test]
    public async Task HasScope_answers_with_implications()
    {
        var pat = (await Host.Validator.ValidateAsync((await Host.IssueAsync(scopes: ["repo:write"])).Token)).Pat!;

        Assert.That(pat.HasScope("repo:read"), Is.True);
        Assert.That(pat.HasScope("repo:write"), Is.True);
        Assert.That(pat.HasScope("admin"), Is.False);
    }

    [Test]
    public async Task ToClaimsPrincipal_carries_subject_scopes_id_and_expiry()
    {
        var issued = await Host.IssueAsync(scopes: ["repo:read", "admin"], name: "ci");
        var pat = (await Host.Validator.ValidateAsync(issued.Token)).Pat!;

        var principal = pat.ToClaimsPrincipal("PersonalAccessToken");

        Assert.Multiple(() =>
        {
            Assert.That(principal.Identity!.IsAuthenticated, Is.True);
            Assert.That(principal.Identity.AuthenticationType, Is.EqualTo("PersonalAccessToken"));
            Assert.That(principal.Identity.Name, Is.EqualTo("alice"));
            Assert.That(principal.FindAll("scope").Select(c => c.Value), Is.EquivalentTo((string[])["repo:read", "admin"]));
            Assert.That(principal.FindFirst("jti")!.Value, Is.EqualTo(issued.Id));
            Assert.That(principal.FindFirst("exp")!.Value, Is.EqualTo(issued.ExpiresAt.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture)));
            Assert.That(principal.FindFirst("name")!.Value, Is.EqualTo("ci"));
        });
    }

    [Test]
    public async Task Each_principal_of_a_token_is_its_own_so_changing_one_changes_no_other()
    {
        var issued = await Host.IssueAsync(scopes: ["repo:read"]);
        var pat = (await Host.Validator.ValidateAsync(issued.Token)).Pat!;
        var first = pat.ToClaimsPrincipal("PersonalAccessToken");
        var firstIdentity = (System.Security.Claims.ClaimsIdentity)first.Identity!;

        firstIdentity.AddClaim(new System.Security.Claims.Claim("role", "admin"));
        firstIdentity.RemoveClaim(firstIdentity.FindFirst("scope"));
        var second = pat.ToClaimsPrincipal("PersonalAccessToken");

        Assert.That(second.Identity, Is.Not.SameAs(first.Identity));
        Assert.That(second.HasClaim("role", "admin"), Is.False);
        Assert.That(second.FindAll("scope").Select(c => c.Value), Is.EqualTo((string[])["repo:read"]));
        Assert.That(second.Claims.Select(c => c.Subject), Is.All.SameAs(second.Identity), "each claim belongs to its own identity");
        Assert.That(second.Claims.Select(c => c.Issuer), Is.All.EqualTo(System.Security.Claims.ClaimsIdentity.DefaultIssuer));
        Assert.That(second.FindFirst("iat")!.ValueType, Is.EqualTo(System.Security.Claims.ClaimValueTypes.Integer64));
    }
}
