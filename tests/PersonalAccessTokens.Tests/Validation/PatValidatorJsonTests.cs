using System.Text;
using PersonalAccessTokens.Tests.Support;

namespace PersonalAccessTokens.Tests.Validation;

/// <summary>The rules that read the header and payload as JSON, with a valid HMAC signature throughout.</summary>
public sealed class PatValidatorJsonTests : HostFixture
{
    private async Task<PatValidationFailure> ValidateAsync(string header = TokenForge.Header, string? payload = null) =>
        (await Host.Validator.ValidateAsync(TokenForge.Sign(header, payload))).Failure;

    [TestCase("[]")]
    [TestCase("\"text\"")]
    [TestCase("42")]
    [TestCase("{\"alg\":\"HS256\"")]
    [TestCase("{\"alg\":\"HS256\",}")]
    [TestCase("{\"alg\":\"HS256\"} {}")]
    [TestCase("{\"alg\":\"HS256\"} x")]
    [TestCase("{/*c*/\"alg\":\"HS256\"}")]
    public async Task Validate_rejects_header_that_is_not_exactly_one_JSON_object(string header)
    {
        Assert.That(await ValidateAsync(header: header), Is.EqualTo(PatValidationFailure.Malformed));
    }

    [TestCase("[]")]
    [TestCase("null")]
    [TestCase("{\"sub\":\"alice\"")]
    [TestCase("{\"sub\":\"alice\"}{}")]
    public async Task Validate_rejects_payload_that_is_not_exactly_one_JSON_object(string payload)
    {
        Assert.That(await ValidateAsync(payload: payload), Is.EqualTo(PatValidationFailure.Malformed));
    }

    [Test]
    public async Task Validate_rejects_segment_that_is_not_valid_UTF8()
    {
        var payload = Encoding.UTF8.GetBytes(TokenForge.Payload(extra: "\"x\":\"AB\""));
        var at = Array.IndexOf(payload, (byte)'A');
        payload[at] = 0xC3; // A lead byte followed by 'B', which is not a continuation byte.
        var token = TokenForge.SignSegments(TokenForge.Encode(TokenForge.Header), TokenForge.Encode(payload));

        Assert.That((await Host.Validator.ValidateAsync(token)).Failure, Is.EqualTo(PatValidationFailure.Malformed));
    }

    [Test]
    public async Task Validate_rejects_payload_nested_deeper_than_the_limit()
    {
        var deep = TokenForge.Payload(extra: "\"x\":{\"a\":{\"b\":{\"c\":{\"d\":1}}}}");
        var shallow = TokenForge.Payload(extra: "\"x\":{\"a\":{\"b\":1}}");

        Assert.That(await ValidateAsync(payload: deep), Is.EqualTo(PatValidationFailure.Malformed));
        Assert.That(await ValidateAsync(payload: shallow), Is.EqualTo(PatValidationFailure.None));
    }

    [Test]
    public async Task Validate_rejects_header_nested_deeper_than_the_limit()
    {
        var deep = """{"alg":"HS256","kid":"hmac-1","typ":"pat+jwt","x":[[[[[1]]]]]}""";

        Assert.That(await ValidateAsync(header: deep), Is.EqualTo(PatValidationFailure.Malformed));
    }

    [Test]
    public async Task Validate_rejects_payload_with_more_than_64_members_and_accepts_64()
    {
        // The forge writes eight members, scope included.
        string Extra(int count) => string.Join(',', Enumerable.Range(0, count).Select(i => $"\"x{i}\":{i}"));

        Assert.That(await ValidateAsync(payload: TokenForge.Payload(extra: Extra(64 - 8))), Is.EqualTo(PatValidationFailure.None));
        Assert.That(await ValidateAsync(payload: TokenForge.Payload(extra: Extra(65 - 8))), Is.EqualTo(PatValidationFailure.Malformed));
    }

    [TestCase("\"sub\":\"mallory\"")]
    [TestCase("\"s\\u0075b\":\"mallory\"")]
    [TestCase("\"exp\":99999999999")]
    [TestCase("\"custom\":1,\"custom\":2")]
    public async Task Validate_rejects_duplicate_member_in_payload_even_when_escaped_differently(string duplicate)
    {
        Assert.That(await ValidateAsync(payload: TokenForge.Payload(extra: duplicate)), Is.EqualTo(PatValidationFailure.Malformed));
    }

    [TestCase("""{"alg":"HS256","kid":"hmac-1","typ":"pat+jwt","alg":"HS256"}""")]
    [TestCase("""{"alg":"HS256","kid":"hmac-1","typ":"pat+jwt","k\u0069d":"other"}""")]
    public async Task Validate_rejects_duplicate_member_in_header(string header)
    {
        Assert.That(await ValidateAsync(header: header), Is.EqualTo(PatValidationFailure.Malformed));
    }

    [TestCase("""{"alg":"HS256","kid":"hmac-1","typ":"pat+jwt","crit":[]}""")]
    [TestCase("""{"alg":"HS256","kid":"hmac-1","typ":"pat+jwt","crit":["exp"]}""")]
    [TestCase("""{"alg":"HS256","kid":"hmac-1","typ":"pat+jwt","cr\u0069t":["b64"],"b64":false}""")]
    public async Task Validate_rejects_any_crit_header_including_an_empty_one(string header)
    {
        Assert.That(await ValidateAsync(header: header), Is.EqualTo(PatValidationFailure.Malformed));
    }

    [TestCase("""{"alg":"HS256","kid":"hmac-1"}""")]
    [TestCase("""{"alg":"HS256","kid":"hmac-1","typ":"JWT"}""")]
    [TestCase("""{"alg":"HS256","kid":"hmac-1","typ":"at+jwt"}""")]
    [TestCase("""{"alg":"HS256","kid":"hmac-1","typ":"text/pat+jwt"}""")]
    [TestCase("""{"alg":"HS256","kid":"hmac-1","typ":1}""")]
    [TestCase("""{"alg":"HS256","kid":"hmac-1","typ":["pat+jwt"]}""")]
    [TestCase("""{"alg":"HS256","kid":"hmac-1","typ":"pat+jwt "}""")]
    public async Task Validate_rejects_missing_non_string_or_other_typ(string header)
    {
        Assert.That(await ValidateAsync(header: header), Is.EqualTo(PatValidationFailure.InvalidType));
    }

    [TestCase("""{"alg":"HS256","kid":"hmac-1","typ":"PAT+JWT"}""")]
    [TestCase("""{"alg":"HS256","kid":"hmac-1","typ":"application/pat+jwt"}""")]
    [TestCase("""{"alg":"HS256","kid":"hmac-1","typ":"Application/Pat+Jwt"}""")]
    [TestCase("""{"alg":"HS256","kid":"hmac-1","typ":"pat\u002Bjwt"}""")]
    [TestCase("""{"alg":"HS256","kid":"hmac-1","typ":"application\/pat+jwt"}""")]
    public async Task Validate_compares_typ_as_a_media_type_case_insensitively_with_optional_application_prefix(string header)
    {
        Assert.That(await ValidateAsync(header: header), Is.EqualTo(PatValidationFailure.None));
    }

    [TestCase("""{"alg":"HS256","typ":"pat+jwt"}""")]
    [TestCase("""{"alg":"HS256","kid":"hmac-2","typ":"pat+jwt"}""")]
    [TestCase("""{"alg":"HS256","kid":"HMAC-1","typ":"pat+jwt"}""")]
    [TestCase("""{"alg":"HS256","kid":1,"typ":"pat+jwt"}""")]
    [TestCase("""{"alg":"HS256","kid":null,"typ":"pat+jwt"}""")]
    public async Task Validate_rejects_missing_non_string_or_unknown_kid(string header)
    {
        Assert.That(await ValidateAsync(header: header), Is.EqualTo(PatValidationFailure.UnknownKey));
    }

    [Test]
    public async Task Validate_finds_a_kid_written_with_escapes()
    {
        Assert.That(await ValidateAsync(header: """{"alg":"HS256","kid":"hmac\u002D1","typ":"pat+jwt"}"""), Is.EqualTo(PatValidationFailure.None));
    }

    [TestCase("""{"kid":"hmac-1","typ":"pat+jwt"}""")]
    [TestCase("""{"alg":"none","kid":"hmac-1","typ":"pat+jwt"}""")]
    [TestCase("""{"alg":"None","kid":"hmac-1","typ":"pat+jwt"}""")]
    [TestCase("""{"alg":"NONE","kid":"hmac-1","typ":"pat+jwt"}""")]
    [TestCase("""{"alg":"hs256","kid":"hmac-1","typ":"pat+jwt"}""")]
    [TestCase("""{"alg":"HS512","kid":"hmac-1","typ":"pat+jwt"}""")]
    [TestCase("""{"alg":"RS256","kid":"hmac-1","typ":"pat+jwt"}""")]
    [TestCase("""{"alg":256,"kid":"hmac-1","typ":"pat+jwt"}""")]
    public async Task Validate_rejects_alg_that_is_missing_none_or_not_exactly_the_algorithm_of_the_key(string header)
    {
        Assert.That(await ValidateAsync(header: header), Is.EqualTo(PatValidationFailure.InvalidAlgorithm));
    }

    [Test]
    public async Task Validate_rejects_alg_none_with_an_empty_signature_as_an_algorithm_failure_before_any_signature_work()
    {
        var header = TokenForge.Encode("""{"alg":"none","kid":"hmac-1","typ":"pat+jwt"}""");
        var token = header + "." + TokenForge.Encode(TokenForge.Payload()) + ".";

        Assert.That((await Host.Validator.ValidateAsync(token)).Failure, Is.EqualTo(PatValidationFailure.InvalidAlgorithm));
    }

    [Test]
    public async Task Validate_rejects_invalid_UTF16_escape_in_a_string_claim_without_throwing()
    {
        var result = await ValidateAsync(payload: TokenForge.Payload(sub: "\"\\uD800\""));

        Assert.That(result, Is.EqualTo(PatValidationFailure.Malformed));
    }

    [Test]
    public async Task Validate_rejects_invalid_UTF16_escape_in_a_header_string_without_throwing()
    {
        Assert.That(await ValidateAsync(header: """{"alg":"HS256","kid":"\uDC00","typ":"pat+jwt"}"""), Is.EqualTo(PatValidationFailure.Malformed));
    }

    [TestCase("\"aud\":[\"\\ud800\",\"https://api.example\"]", TestName = "in an aud array beside the audience")]
    [TestCase("\"x\":\"\\udc00\"", TestName = "in an unknown claim")]
    [TestCase("\"x\":[{\"y\":\"a\\ud800b\"}]", TestName = "nested in an unknown claim")]
    [TestCase("\"x\":\"\\ud800\\u0041\"", TestName = "a high surrogate followed by a non-surrogate escape")]
    [TestCase("\"x\":\"\\ud800\\\\udc00\"", TestName = "a high surrogate followed by an escaped backslash")]
    [TestCase("\"x\\udc00\":1", TestName = "in an unknown member name")]
    public async Task Validate_rejects_a_lone_surrogate_escape_anywhere_in_the_payload(string member)
    {
        var payload = member.StartsWith("\"aud\"", StringComparison.Ordinal)
            ? TokenForge.Payload(aud: member["\"aud\":".Length..])
            : TokenForge.Payload(extra: member);

        Assert.That(await ValidateAsync(payload: payload), Is.EqualTo(PatValidationFailure.Malformed));
    }

    [Test]
    public async Task Validate_rejects_a_lone_surrogate_escape_in_an_unknown_header_member()
    {
        Assert.That(await ValidateAsync(header: """{"alg":"HS256","kid":"hmac-1","typ":"pat+jwt","x5u":["\ud800"]}"""), Is.EqualTo(PatValidationFailure.Malformed));
    }

    [Test]
    public async Task Validate_accepts_escaped_surrogate_pairs_and_other_escapes()
    {
        var result = await Host.Validator.ValidateAsync(TokenForge.Sign(payload: TokenForge.Payload(
            sub: "\"al\\u0069ce \\ud83d\\ude00\"", extra: "\"x\":[\"\\\\u\\\"\\ud83d\\ude00\"]")));

        Assert.That(result.IsValid, Is.True, result.Message);
        Assert.That(result.Pat!.Subject, Is.EqualTo("alice \U0001F600"));
    }
}
