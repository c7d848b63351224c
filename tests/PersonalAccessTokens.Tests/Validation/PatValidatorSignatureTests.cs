using System.Buffers.Text;
using PersonalAccessTokens.Tests.Support;

namespace PersonalAccessTokens.Tests.Validation;

public sealed class PatValidatorSignatureTests : HostFixture
{
    [Test]
    public async Task Validate_rejects_token_signed_with_another_secret()
    {
        var token = TokenForge.Sign(secret: [.. Enumerable.Repeat((byte)7, 32)]);

        Assert.That((await Host.Validator.ValidateAsync(token)).Failure, Is.EqualTo(PatValidationFailure.InvalidSignature));
    }

    [Test]
    public async Task Validate_rejects_token_with_an_empty_signature()
    {
        var token = TokenForge.Sign();
        token = token[..(token.LastIndexOf('.') + 1)];

        Assert.That((await Host.Validator.ValidateAsync(token)).Failure, Is.EqualTo(PatValidationFailure.InvalidSignature));
    }

    [TestCase(16)]
    [TestCase(31)]
    [TestCase(33)]
    [TestCase(64)]
    public async Task Validate_rejects_signature_of_the_wrong_length_even_if_it_starts_with_the_right_MAC(int length)
    {
        var token = TokenForge.Sign();
        var dot = token.LastIndexOf('.');
        var mac = Base64Url.DecodeFromChars(token.AsSpan(dot + 1));
        var resized = new byte[length];
        mac.AsSpan(0, Math.Min(length, mac.Length)).CopyTo(resized);

        var result = await Host.Validator.ValidateAsync(token[..(dot + 1)] + Base64Url.EncodeToString(resized));

        Assert.That(result.Failure, Is.EqualTo(PatValidationFailure.InvalidSignature));
    }

    [Test]
    public async Task Validate_rejects_valid_signature_paired_with_a_changed_payload()
    {
        var original = TokenForge.Sign().Split('.');
        var other = TokenForge.Sign(payload: TokenForge.Payload(sub: "\"mallory\"")).Split('.');

        var spliced = $"{original[0]}.{other[1]}.{original[2]}";

        Assert.That((await Host.Validator.ValidateAsync(spliced)).Failure, Is.EqualTo(PatValidationFailure.InvalidSignature));
    }

    [Test]
    public async Task Validate_rejects_valid_signature_paired_with_a_changed_header()
    {
        var original = TokenForge.Sign().Split('.');
        var header = TokenForge.Encode("""{"alg":"HS256","kid":"hmac-1","typ":"pat+jwt","x":1}""");

        var spliced = $"{header}.{original[1]}.{original[2]}";

        Assert.That((await Host.Validator.ValidateAsync(spliced)).Failure, Is.EqualTo(PatValidationFailure.InvalidSignature));
    }
}
