using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using PersonalAccessTokens.Tests.Support;

namespace PersonalAccessTokens.Tests.Issuing;

public sealed class PatIssuerTests : HostFixture
{
    private ValueTask<PatIssueResult> IssueAsync(string subject = "alice", string[]? scopes = null, TimeSpan? lifetime = null, string? name = null) =>
        Host.TokenIssuer.IssueAsync(new PatIssueRequest { Subject = subject, Scopes = scopes ?? ["repo:read"], Lifetime = lifetime, Name = name });

    [Test]
    public async Task Issue_writes_header_and_claims_with_times_from_the_TimeProvider()
    {
        Host.Time.Advance(TimeSpan.FromMilliseconds(1500)); // Sub-second part is dropped: iat is whole seconds.
        var pat = await Host.IssueAsync(scopes: ["repo:write", "admin"], lifetime: TimeSpan.FromDays(2), name: "CI deploy");
        var jwt = new JsonWebToken(pat.Token);

        var iat = TestHost.Start.ToUnixTimeSeconds() + 1;
        Assert.Multiple(() =>
        {
            Assert.That(jwt.Alg, Is.EqualTo("HS256"));
            Assert.That(jwt.Kid, Is.EqualTo(TestHost.KeyId));
            Assert.That(jwt.Typ, Is.EqualTo("pat+jwt"));
            Assert.That(jwt.Issuer, Is.EqualTo(TestHost.Issuer));
            Assert.That(jwt.Audiences, Is.EqualTo((string[])[TestHost.Audience]));
            Assert.That(jwt.Subject, Is.EqualTo("alice"));
            Assert.That(jwt.Id, Is.EqualTo(pat.Id));
            Assert.That(jwt.GetPayloadValue<long>("iat"), Is.EqualTo(iat));
            Assert.That(jwt.GetPayloadValue<long>("nbf"), Is.EqualTo(iat));
            Assert.That(jwt.GetPayloadValue<long>("exp"), Is.EqualTo(iat + (long)TimeSpan.FromDays(2).TotalSeconds));
            Assert.That(jwt.GetPayloadValue<string>("scope"), Is.EqualTo("repo:write admin"));
            Assert.That(jwt.GetPayloadValue<string>("name"), Is.EqualTo("CI deploy"));
            Assert.That(pat.IssuedAt, Is.EqualTo(DateTimeOffset.FromUnixTimeSeconds(iat)));
            Assert.That(pat.ExpiresAt, Is.EqualTo(pat.IssuedAt + TimeSpan.FromDays(2)));
            Assert.That(pat.KeyId, Is.EqualTo(TestHost.KeyId));
            Assert.That(pat.Scopes, Is.EqualTo((string[])["repo:write", "admin"]));
        });
    }

    [Test]
    public async Task Issue_writes_times_as_JSON_integers()
    {
        var pat = await Host.IssueAsync();
        using var payload = JsonDocument.Parse(Base64UrlEncoder.Decode(pat.Token.Split('.')[1]));

        foreach (var claim in new[] { "iat", "nbf", "exp" })
        {
            Assert.That(payload.RootElement.GetProperty(claim).ValueKind, Is.EqualTo(JsonValueKind.Number));
            Assert.That(payload.RootElement.GetProperty(claim).GetRawText(), Does.Not.Contain("."));
        }
    }

    [Test]
    public async Task Issue_then_validate_round_trips_every_field()
    {
        var pat = await Host.IssueAsync(scopes: ["repo:write"], name: "laptop");

        var result = await Host.Validator.ValidateAsync(pat.Token);

        Assert.That(result.IsValid, Is.True, result.Message);
        Assert.Multiple(() =>
        {
            Assert.That(result.Pat!.Id, Is.EqualTo(pat.Id));
            Assert.That(result.Pat.Subject, Is.EqualTo(pat.Subject));
            Assert.That(result.Pat.Name, Is.EqualTo("laptop"));
            Assert.That(result.Pat.Scopes, Is.EquivalentTo(pat.Scopes));
            Assert.That(result.Pat.IssuedAt, Is.EqualTo(pat.IssuedAt));
            Assert.That(result.Pat.ExpiresAt, Is.EqualTo(pat.ExpiresAt));
            Assert.That(result.Pat.KeyId, Is.EqualTo(pat.KeyId));
        });
    }

    [Test]
    public async Task Issue_gives_each_token_an_id_of_at_least_128_random_bits_across_random_batches()
    {
        // Ids are drawn 256 at a time: 600 crosses two refills.
        var ids = new HashSet<string>();
        for (var i = 0; i < 600; i++)
        {
            var pat = await Host.IssueAsync();
            Assert.That(Base64UrlEncoder.DecodeBytes(pat.Id), Has.Length.GreaterThanOrEqualTo(16));
            ids.Add(pat.Id);
        }

        Assert.That(ids, Has.Count.EqualTo(600));
    }

    [Test]
    public async Task Issue_uses_DefaultLifetime_when_the_request_names_none()
    {
        var pat = await Host.IssueAsync();

        Assert.That(pat.ExpiresAt - pat.IssuedAt, Is.EqualTo(TimeSpan.FromDays(30)));
    }

    [Test]
    public async Task Issue_shortens_the_default_lifetime_to_what_the_scopes_allow()
    {
        var pat = await Host.IssueAsync(scopes: ["admin"]);

        Assert.That(pat.ExpiresAt - pat.IssuedAt, Is.EqualTo(TimeSpan.FromDays(7)));
    }

    [Test]
    public async Task Issue_prepends_the_configured_prefix()
    {
        using var host = TestHost.Create(o => o.TokenPrefix = "acme_pat_");

        var pat = await host.IssueAsync();

        Assert.That(pat.Token, Does.StartWith("acme_pat_ey"));
        Assert.That((await host.Validator.ValidateAsync(pat.Token)).IsValid, Is.True);
    }

    [Test]
    public async Task Issue_refuses_an_unregistered_scope()
    {
        var result = await IssueAsync(scopes: ["repo:read", "repo:delete"]);

        Assert.That(result.Error!.Code, Is.EqualTo(PatIssueErrorCode.UnknownScope));
        Assert.That(result.Error.Message, Does.Contain("repo:delete"));
    }

    [TestCase("")]
    [TestCase("repo read")]
    [TestCase("repo\"read")]
    [TestCase("repo\\read")]
    [TestCase("répo")]
    [TestCase(null)]
    public async Task Issue_refuses_a_scope_that_is_not_a_scope_token(string? scope)
    {
        var result = await IssueAsync(scopes: [scope!]);

        Assert.That(result.Error!.Code, Is.EqualTo(PatIssueErrorCode.InvalidScope));
    }

    [Test]
    public async Task Issue_refuses_a_lifetime_over_MaxLifetime()
    {
        var result = await IssueAsync(lifetime: TimeSpan.FromDays(367));

        Assert.That(result.Error!.Code, Is.EqualTo(PatIssueErrorCode.LifetimeTooLong));
    }

    [Test]
    public async Task Issue_refuses_a_lifetime_over_a_scope_maximum()
    {
        var result = await IssueAsync(scopes: ["admin"], lifetime: TimeSpan.FromDays(8));

        Assert.That(result.Error!.Code, Is.EqualTo(PatIssueErrorCode.LifetimeTooLong));
    }

    [TestCase(0)]
    [TestCase(-1)]
    public async Task Issue_refuses_a_lifetime_that_is_not_positive(int seconds)
    {
        var result = await IssueAsync(lifetime: TimeSpan.FromSeconds(seconds));

        Assert.That(result.Error!.Code, Is.EqualTo(PatIssueErrorCode.InvalidLifetime));
    }

    // In code, not in attributes: an attribute stores its strings as UTF-8, which turns a lone surrogate into U+FFFD.
    private static readonly string[] UnusableTexts = ["", "   ", "\t \u00a0", "al\nice", "al\0ice", "al\u0085ice", "al\ud800ice", "alice\udc00", "alice\ud83d"];

    [TestCaseSource(nameof(UnusableTexts))]
    public async Task Issue_refuses_an_empty_blank_control_character_or_lone_surrogate_subject_and_name(string text)
    {
        var subject = await IssueAsync(subject: text);
        var name = await IssueAsync(name: text);

        Assert.That(subject.Error?.Code, Is.EqualTo(PatIssueErrorCode.InvalidSubject));
        Assert.That(name.Error?.Code, Is.EqualTo(PatIssueErrorCode.InvalidName));
    }

    [Test]
    public async Task Issue_keeps_a_subject_with_a_surrogate_pair_exactly_so_revoke_all_finds_its_tokens()
    {
        var pat = await Host.IssueAsync(subject: "al\U0001F600ice", name: "\U0001F511 key");

        await Host.Revocations.RevokeAllAsync("al\U0001F600ice", Host.Time.GetUtcNow());

        Assert.That(new JsonWebToken(pat.Token).Subject, Is.EqualTo("al\U0001F600ice"));
        Assert.That((await Host.Validator.ValidateAsync(pat.Token)).Failure, Is.EqualTo(PatValidationFailure.Revoked));
    }

    [Test]
    public async Task Issue_refuses_more_scopes_than_the_catalog_holds_before_looking_at_any()
    {
        // The test catalog holds three scopes; four entries, even repeated, are refused by count alone.
        var result = await IssueAsync(scopes: ["repo:read", "repo:read", "repo:read", "repo:read"]);

        Assert.That(result.Error?.Code, Is.EqualTo(PatIssueErrorCode.InvalidScope));
        Assert.That(result.Error!.Message, Does.Contain("at most 3"));
    }

    [Test]
    public async Task Issue_under_a_custom_policy_refuses_more_scopes_than_a_token_could_hold()
    {
        using var host = TestHost.Create(build: b => b.UseScopePolicy<AllowEverythingPolicy>());
        var scopes = Enumerable.Range(0, 40_000).Select(i => $"s{i}").ToArray();

        var result = await host.TokenIssuer.IssueAsync(new PatIssueRequest { Subject = "alice", Scopes = scopes });

        Assert.That(result.Error?.Code, Is.EqualTo(PatIssueErrorCode.InvalidScope));
        Assert.That(result.Error!.Message, Does.Contain($"at most {PersonalAccessTokenDefaults.MaxTokenLength / 2}"));
    }

    [Test]
    public async Task Issue_refuses_a_token_longer_than_MaxTokenLength_so_nothing_issued_fails_validation()
    {
        using var host = TestHost.Create(configure: o => o.MaxTokenLength = 400);
        var shortName = await host.TokenIssuer.IssueAsync(new PatIssueRequest { Subject = "alice", Name = "ci" });
        var longName = await host.TokenIssuer.IssueAsync(new PatIssueRequest { Subject = "alice", Name = new string('n', 256) });

        Assert.That(shortName.Succeeded, Is.True);
        Assert.That((await host.Validator.ValidateAsync(shortName.Pat!.Token)).IsValid, Is.True);
        Assert.That(longName.Error?.Code, Is.EqualTo(PatIssueErrorCode.TokenTooLong));
    }

    [Test]
    public async Task Issue_refuses_an_overlong_subject_and_name()
    {
        Assert.That((await IssueAsync(subject: new string('a', 257))).Error!.Code, Is.EqualTo(PatIssueErrorCode.InvalidSubject));
        Assert.That((await IssueAsync(name: new string('a', 257))).Error!.Code, Is.EqualTo(PatIssueErrorCode.InvalidName));
    }

    [Test]
    public async Task Issue_refuses_null_scopes_as_a_result()
    {
        var result = await Host.TokenIssuer.IssueAsync(new PatIssueRequest { Subject = "alice", Scopes = null! });

        Assert.That(result.Error!.Code, Is.EqualTo(PatIssueErrorCode.InvalidScope));
    }

    [Test]
    public async Task Issue_removes_duplicate_scopes()
    {
        var pat = await Host.IssueAsync(scopes: ["repo:read", "repo:read"]);

        Assert.That(pat.Scopes, Is.EqualTo((string[])["repo:read"]));
    }

    [Test]
    public void Issue_throws_for_a_null_request()
    {
        Assert.ThrowsAsync<ArgumentNullException>(async () => await Host.TokenIssuer.IssueAsync(null!));
    }

    [Test]
    public async Task Issue_refuses_when_every_key_has_retired()
    {
        using var host = TestHost.Create(
            addDefaultKey: false,
            build: b => b.AddSigningKey(TestHost.HmacKey(), SecurityAlgorithms.HmacSha256, activatesAt: null, retiresAt: TestHost.Start.AddDays(1)));
        host.Time.Advance(TimeSpan.FromDays(2));

        var result = await host.TokenIssuer.IssueAsync(new PatIssueRequest { Subject = "alice" });

        Assert.That(result.Error!.Code, Is.EqualTo(PatIssueErrorCode.SigningKeyUnavailable));
    }

    [Test]
    public async Task Issue_asks_a_custom_scope_policy_and_returns_its_refusal()
    {
        using var host = TestHost.Create(build: b => b.UseScopePolicy<DenyEveryonePolicy>());

        var result = await host.TokenIssuer.IssueAsync(new PatIssueRequest { Subject = "alice" });

        Assert.That(result.Error!.Code, Is.EqualTo(PatIssueErrorCode.PolicyDenied));
    }

    [Test]
    public async Task IssuedPat_ToString_names_the_id_and_never_the_token()
    {
        var pat = await Host.IssueAsync();

        Assert.That(pat.ToString(), Does.Not.Contain(pat.Token.Split('.')[1]));
        Assert.That(pat.ToString(), Does.Contain(pat.Id));
    }

    private sealed class AllowEverythingPolicy : IPatScopePolicy
    {
        public ValueTask<PatIssueError?> CheckIssueAsync(PatIssueContext context, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult<PatIssueError?>(null);

        public TimeSpan? GetMaxLifetime(IReadOnlyCollection<string> scopes) => null;

        public bool IsGranted(IReadOnlySet<string> grantedScopes, string requiredScope) => grantedScopes.Contains(requiredScope);
    }

    private sealed class DenyEveryonePolicy : IPatScopePolicy
    {
        public ValueTask<PatIssueError?> CheckIssueAsync(PatIssueContext context, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult<PatIssueError?>(new PatIssueError(PatIssueErrorCode.PolicyDenied, "No."));

        public TimeSpan? GetMaxLifetime(IReadOnlyCollection<string> scopes) => null;

        public bool IsGranted(IReadOnlySet<string> grantedScopes, string requiredScope) => grantedScopes.Contains(requiredScope);
    }
}
