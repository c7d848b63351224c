using System.Buffers.Text;
using System.Text;
using PersonalAccessTokens.Tests.Support;

namespace PersonalAccessTokens.Tests.Validation;

/// <summary>The cheap structural rules that run before any JSON is read.</summary>
public sealed class PatValidatorStructureTests : HostFixture
{
    [Test]
    public async Task Validate_accepts_a_forged_token_that_breaks_no_rule_so_the_forge_tests_one_rule_at_a_time()
    {
        var result = await Host.Validator.ValidateAsync(TokenForge.Sign());

        Assert.That(result.Failure, Is.EqualTo(PatValidationFailure.None), result.Message);
        Assert.That(result.Pat!.Subject, Is.EqualTo("alice"));
    }

    [Test]
    public async Task Validate_rejects_token_longer_than_MaxTokenLength_as_malformed_before_decoding()
    {
        using var host = TestHost.Create(o => o.MaxTokenLength = 200);
        var token = TokenForge.Sign(payload: TokenForge.Payload(extra: $"\"pad\":\"{new string('x', 200)}\""));

        var result = await host.Validator.ValidateAsync(token);

        Assert.That(result.Failure, Is.EqualTo(PatValidationFailure.Malformed));
        Assert.That(token.Length, Is.GreaterThan(200));
    }

    [Test]
    public async Task Validate_accepts_token_exactly_MaxTokenLength_long()
    {
        var token = TokenForge.Sign();
        using var host = TestHost.Create(o => o.MaxTokenLength = token.Length);

        Assert.That((await host.Validator.ValidateAsync(token)).IsValid, Is.True);
    }

    [TestCase("")]
    [TestCase("acme_pat")]
    [TestCase("ACME_PAT_")]
    [TestCase("other_pat_")]
    public async Task Validate_rejects_token_without_the_configured_prefix_case_sensitively(string presentedPrefix)
    {
        using var host = TestHost.Create(o => o.TokenPrefix = "acme_pat_");

        var result = await host.Validator.ValidateAsync(presentedPrefix + TokenForge.Sign());

        Assert.That(result.Failure, Is.EqualTo(PatValidationFailure.InvalidPrefix));
    }

    [Test]
    public async Task Validate_accepts_token_with_the_configured_prefix()
    {
        using var host = TestHost.Create(o => o.TokenPrefix = "acme_pat_");

        var result = await host.Validator.ValidateAsync("acme_pat_" + TokenForge.Sign());

        Assert.That(result.IsValid, Is.True, result.Message);
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(4)]
    [TestCase(5)]
    public async Task Validate_rejects_token_with_other_than_three_segments(int segments)
    {
        var parts = TokenForge.Sign().Split('.');
        var token = string.Join('.', Enumerable.Range(0, segments).Select(i => parts[i % 3]));

        Assert.That((await Host.Validator.ValidateAsync(token)).Failure, Is.EqualTo(PatValidationFailure.Malformed));
    }

    [TestCase(0)]
    [TestCase(1)]
    public async Task Validate_rejects_token_with_an_empty_header_or_payload_segment(int emptySegment)
    {
        var parts = TokenForge.Sign().Split('.');
        parts[emptySegment] = "";

        Assert.That((await Host.Validator.ValidateAsync(string.Join('.', parts))).Failure, Is.EqualTo(PatValidationFailure.Malformed));
    }

    [Test]
    public async Task Validate_rejects_empty_string_as_malformed()
    {
        Assert.That((await Host.Validator.ValidateAsync("")).Failure, Is.EqualTo(PatValidationFailure.Malformed));
    }

    [TestCase("=", 0)]
    [TestCase("=", 2)]
    [TestCase(" ", 1)]
    [TestCase("\n", 2)]
    [TestCase("+", 1)]
    [TestCase("/", 0)]
    [TestCase("é", 1)]
    public async Task Validate_rejects_characters_outside_the_base64url_alphabet(string inserted, int segment)
    {
        var parts = TokenForge.Sign().Split('.');
        parts[segment] += inserted;

        Assert.That((await Host.Validator.ValidateAsync(string.Join('.', parts))).Failure, Is.EqualTo(PatValidationFailure.Malformed));
    }

    [TestCase(0)]
    [TestCase(1)]
    [TestCase(2)]
    public async Task Validate_rejects_non_canonical_base64url_with_nonzero_unused_bits(int segment)
    {
        // Find a segment whose length leaves unused bits, then set them: the bytes decode the same under a lenient decoder.
        var header = """{"alg":"HS256","kid":"hmac-1","typ":"pat+jwt","x":1}""";
        var payload = TokenForge.Payload(extra: "\"pad\":\"ab\"");
        var token = TokenForge.Sign(header, payload);
        var parts = token.Split('.');
        Assert.That(parts[segment].Length % 4, Is.Not.Zero, "segment must have unused bits");
        parts[segment] = WithUnusedBitsSet(parts[segment]);
        var tampered = segment == 2 ? string.Join('.', parts) : TokenForge.SignSegments(parts[0], parts[1]);

        Assert.That(Convert.FromBase64String(ToBase64(parts[segment])), Is.EqualTo(Convert.FromBase64String(ToBase64(token.Split('.')[segment]))),
            "a lenient decoder reads the same bytes");
        Assert.That((await Host.Validator.ValidateAsync(tampered)).Failure, Is.EqualTo(PatValidationFailure.Malformed));
    }

    [Test]
    public void Validate_throws_ArgumentNullException_for_null_token_because_that_is_misuse_not_bad_input()
    {
        Assert.ThrowsAsync<ArgumentNullException>(async () => await Host.Validator.ValidateAsync(null!));
        Assert.ThrowsAsync<ArgumentNullException>(async () => await Host.Validator.ValidateAsync(TokenForge.Sign(), requiredScopes: null!));
    }

    internal static string WithUnusedBitsSet(string segment)
    {
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        var last = Alphabet.IndexOf(segment[^1], StringComparison.Ordinal);
        var unusedBits = segment.Length % 4 == 2 ? 4 : 2;
        var changed = Alphabet[last | ((1 << unusedBits) - 1)];
        Assert.That(changed, Is.Not.EqualTo(segment[^1]));
        return segment[..^1] + changed;
    }

    private static string ToBase64(string base64Url)
    {
        var s = base64Url.Replace('-', '+').Replace('_', '/');
        return s.PadRight(s.Length + ((4 - (s.Length % 4)) % 4), '=');
    }
}
