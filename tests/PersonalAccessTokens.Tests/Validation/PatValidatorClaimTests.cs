using System.Globalization;
using PersonalAccessTokens.Tests.Support;

namespace PersonalAccessTokens.Tests.Validation;

/// <summary>The payload rules. Every token here has a valid signature, so only the rule under test is broken.</summary>
public sealed class PatValidatorClaimTests : HostFixture
{
    private const string Omit = "OMIT";

    private async Task<PatValidationFailure> ValidateAsync(string payload) =>
        (await Host.Validator.ValidateAsync(TokenForge.Sign(payload: payload))).Failure;

    private static string Seconds(long value) => value.ToString(CultureInfo.InvariantCulture);

    [TestCase(Omit)]
    [TestCase("\"https://other.example\"")]
    [TestCase("\"https://issuer.example/\"")]
    [TestCase("\"HTTPS://ISSUER.EXAMPLE\"")]
    [TestCase("[\"https://issuer.example\"]")]
    [TestCase("null")]
    public async Task Validate_rejects_iss_that_is_missing_or_not_exactly_the_issuer(string iss)
    {
        Assert.That(await ValidateAsync(TokenForge.Payload(iss: iss)), Is.EqualTo(PatValidationFailure.InvalidIssuer));
    }

    [TestCase("\"https:\\/\\/issuer.example\"")]
    public async Task Validate_compares_iss_after_unescaping(string iss)
    {
        Assert.That(await ValidateAsync(TokenForge.Payload(iss: iss)), Is.EqualTo(PatValidationFailure.None));
    }

    [TestCase(Omit)]
    [TestCase("\"https://api.example/\"")]
    [TestCase("\"https://other.example\"")]
    [TestCase("[]")]
    [TestCase("[\"https://other.example\"]")]
    [TestCase("[\"https://api.example\",1]")]
    [TestCase("{\"aud\":\"https://api.example\"}")]
    [TestCase("null")]
    public async Task Validate_rejects_aud_that_is_missing_or_does_not_hold_the_audience_exactly(string aud)
    {
        Assert.That(await ValidateAsync(TokenForge.Payload(aud: aud)), Is.EqualTo(PatValidationFailure.InvalidAudience));
    }

    [TestCase("[\"https://api.example\"]")]
    [TestCase("[\"https://other.example\",\"https://api.example\"]")]
    public async Task Validate_accepts_aud_array_of_strings_that_holds_the_audience(string aud)
    {
        Assert.That(await ValidateAsync(TokenForge.Payload(aud: aud)), Is.EqualTo(PatValidationFailure.None));
    }

    [TestCase(Omit)]
    [TestCase("\"\"")]
    [TestCase("42")]
    [TestCase("null")]
    public async Task Validate_rejects_sub_that_is_missing_empty_or_not_a_string(string sub)
    {
        Assert.That(await ValidateAsync(TokenForge.Payload(sub: sub)), Is.EqualTo(PatValidationFailure.Malformed));
    }

    [TestCase(Omit)]
    [TestCase("\"\"")]
    [TestCase("42")]
    public async Task Validate_rejects_jti_that_is_missing_empty_or_not_a_string(string jti)
    {
        Assert.That(await ValidateAsync(TokenForge.Payload(jti: jti)), Is.EqualTo(PatValidationFailure.Malformed));
    }

    [Test]
    public async Task Validate_rejects_token_without_exp()
    {
        Assert.That(await ValidateAsync(TokenForge.Payload(exp: Omit)), Is.EqualTo(PatValidationFailure.Malformed));
    }

    [Test]
    public async Task Validate_rejects_token_without_iat()
    {
        Assert.That(await ValidateAsync(TokenForge.Payload(iat: Omit)), Is.EqualTo(PatValidationFailure.Malformed));
    }

    [Test]
    public async Task Validate_accepts_token_without_nbf()
    {
        Assert.That(await ValidateAsync(TokenForge.Payload(nbf: Omit)), Is.EqualTo(PatValidationFailure.None));
    }

    [TestCase("exp", "\"1800000000\"")]
    [TestCase("exp", "1800000000.0")]
    [TestCase("exp", "1.8e9")]
    [TestCase("exp", "1800000000.5")]
    [TestCase("exp", "-1")]
    [TestCase("exp", "99999999999999999999")]
    [TestCase("exp", "null")]
    [TestCase("exp", "253402300800")]
    [TestCase("iat", "-1")]
    [TestCase("nbf", "-99999999999999")]
    [TestCase("iat", "\"1795000000\"")]
    [TestCase("iat", "1795000000.0")]
    [TestCase("nbf", "\"1795000000\"")]
    [TestCase("nbf", "1.795E9")]
    [TestCase("nbf", "true")]
    public async Task Validate_rejects_time_claim_that_is_not_a_JSON_integer_in_DateTimeOffset_range(string claim, string value)
    {
        var payload = claim switch
        {
            "exp" => TokenForge.Payload(exp: value),
            "iat" => TokenForge.Payload(iat: value),
            _ => TokenForge.Payload(nbf: value),
        };

        Assert.That(await ValidateAsync(payload), Is.EqualTo(PatValidationFailure.Malformed));
    }

    [TestCase("42")]
    [TestCase("[\"repo:read\"]")]
    [TestCase("\"\"")]
    [TestCase("\" repo:read\"")]
    [TestCase("\"repo:read \"")]
    [TestCase("\"repo:read  admin\"")]
    [TestCase("\"repo:read\\tadmin\"")]
    [TestCase("\"repo\\\"read\"")]
    [TestCase("\"repo\\\\read\"")]
    [TestCase("\"répo\"")]
    public async Task Validate_rejects_scope_that_is_not_scope_tokens_joined_by_single_spaces(string scope)
    {
        Assert.That(await ValidateAsync(TokenForge.Payload(scope: scope)), Is.EqualTo(PatValidationFailure.Malformed));
    }

    [Test]
    public async Task Validate_reads_scope_with_escapes_and_without_scope()
    {
        var escaped = await Host.Validator.ValidateAsync(TokenForge.Sign(payload: TokenForge.Payload(scope: "\"repo\\u003Aread admin\"")));
        var none = await Host.Validator.ValidateAsync(TokenForge.Sign(payload: TokenForge.Payload(scope: null)));

        Assert.That(escaped.Pat!.Scopes, Is.EquivalentTo((string[])["repo:read", "admin"]));
        Assert.That(none.Pat!.Scopes, Is.Empty);
    }

    [Test]
    public async Task Validate_rejects_name_that_is_not_a_string()
    {
        Assert.That(await ValidateAsync(TokenForge.Payload(extra: "\"name\":5")), Is.EqualTo(PatValidationFailure.Malformed));
    }

    [TestCase("{}")]
    [TestCase("[\"x\"]")]
    [TestCase("{\"typ\":\"pat+jwt\",\"sub\":\"mallory\"}")]
    public async Task Validate_skips_a_name_that_is_not_a_string_whole_so_rule_order_holds(string name)
    {
        // Without typ the first failing rule is InvalidType; a name's members read as claims would fail parsing first.
        var token = TokenForge.Sign("{\"alg\":\"HS256\",\"kid\":\"hmac-1\"}", TokenForge.Payload(extra: $"\"name\":{name}"));

        Assert.That((await Host.Validator.ValidateAsync(token)).Failure, Is.EqualTo(PatValidationFailure.InvalidType));
    }

    [Test]
    public async Task Validate_rejects_token_whose_exp_is_not_after_iat()
    {
        Assert.That(await ValidateAsync(TokenForge.Payload(exp: Seconds(TokenForge.Now))), Is.EqualTo(PatValidationFailure.Malformed));
    }

    [Test]
    public async Task Validate_rejects_lifetime_longer_than_MaxLifetime()
    {
        var exp = TokenForge.Now + (long)TimeSpan.FromDays(366).TotalSeconds + 1;

        Assert.That(await ValidateAsync(TokenForge.Payload(exp: Seconds(exp))), Is.EqualTo(PatValidationFailure.LifetimeExceeded));
    }

    [Test]
    public async Task Validate_accepts_lifetime_exactly_MaxLifetime()
    {
        var exp = TokenForge.Now + (long)TimeSpan.FromDays(366).TotalSeconds;

        Assert.That(await ValidateAsync(TokenForge.Payload(exp: Seconds(exp))), Is.EqualTo(PatValidationFailure.None));
    }

    [Test]
    public async Task Validate_rejects_lifetime_longer_than_a_granted_scope_allows()
    {
        // admin allows 7 days.
        var exp = TokenForge.Now + (long)TimeSpan.FromDays(8).TotalSeconds;

        Assert.That(await ValidateAsync(TokenForge.Payload(exp: Seconds(exp), scope: "\"repo:read admin\"")), Is.EqualTo(PatValidationFailure.LifetimeExceeded));
        Assert.That(await ValidateAsync(TokenForge.Payload(exp: Seconds(exp), scope: "\"repo:read\"")), Is.EqualTo(PatValidationFailure.None));
    }

    [Test]
    public async Task Validate_applies_a_tightened_MaxLifetime_to_tokens_already_issued()
    {
        var pat = await Host.IssueAsync(lifetime: TimeSpan.FromDays(90));
        using var stricter = TestHost.Create(o => o.MaxLifetime = TimeSpan.FromDays(60));

        Assert.That((await Host.Validator.ValidateAsync(pat.Token)).IsValid, Is.True);
        Assert.That((await stricter.Validator.ValidateAsync(pat.Token)).Failure, Is.EqualTo(PatValidationFailure.LifetimeExceeded));
    }

    [Test]
    public async Task Validate_rejects_token_at_or_after_exp_plus_skew_and_accepts_it_just_before()
    {
        var exp = TokenForge.Now + 3600;
        var token = TokenForge.Sign(payload: TokenForge.Payload(exp: Seconds(exp)));
        var skew = TimeSpan.FromSeconds(30);

        Host.Time.SetUtcNow(DateTimeOffset.FromUnixTimeSeconds(exp) + skew - TimeSpan.FromTicks(1));
        Assert.That((await Host.Validator.ValidateAsync(token)).Failure, Is.EqualTo(PatValidationFailure.None));

        Host.Time.SetUtcNow(DateTimeOffset.FromUnixTimeSeconds(exp) + skew);
        Assert.That((await Host.Validator.ValidateAsync(token)).Failure, Is.EqualTo(PatValidationFailure.Expired));
    }

    [TestCase("nbf")]
    [TestCase("iat")]
    public async Task Validate_rejects_token_whose_start_is_after_now_plus_skew(string claim)
    {
        var start = Seconds(TokenForge.Now + 31);
        var later = claim == "nbf" ? TokenForge.Payload(nbf: start) : TokenForge.Payload(iat: start, nbf: start);
        var withinSkew = Seconds(TokenForge.Now + 30);
        var near = claim == "nbf" ? TokenForge.Payload(nbf: withinSkew) : TokenForge.Payload(iat: withinSkew, nbf: withinSkew);

        Assert.That(await ValidateAsync(later), Is.EqualTo(PatValidationFailure.NotYetValid));
        Assert.That(await ValidateAsync(near), Is.EqualTo(PatValidationFailure.None));
    }

    [Test]
    public async Task Validate_reports_the_first_broken_rule_in_table_order()
    {
        // Wrong issuer and expired: the issuer rule comes first.
        var payload = TokenForge.Payload(iss: "\"https://other.example\"", iat: Seconds(TokenForge.Now - 7200), nbf: Seconds(TokenForge.Now - 7200), exp: Seconds(TokenForge.Now - 3600));

        Assert.That(await ValidateAsync(payload), Is.EqualTo(PatValidationFailure.InvalidIssuer));
    }
}
