using System.Buffers.Text;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;
using PersonalAccessTokens.Tests.Support;

namespace PersonalAccessTokens.Tests.Validation;

/// <summary>(r, s) and (r, n − s) both verify: each ECDSA token must have exactly one accepted spelling.</summary>
public sealed class PatValidatorEcdsaMalleabilityTests
{
    private static readonly BigInteger OrderP256 = Order("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551");
    private static readonly BigInteger OrderP384 = Order("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFC7634D81F4372DDF581A0DB248B0A77AECEC196ACCC52973");

    private static IEnumerable<TestCaseData> Curves()
    {
        yield return new TestCaseData(SecurityAlgorithms.EcdsaSha256, TestKeys.P256, HashAlgorithmName.SHA256).SetArgDisplayNames("ES256");
        yield return new TestCaseData(SecurityAlgorithms.EcdsaSha384, TestKeys.P384, HashAlgorithmName.SHA384).SetArgDisplayNames("ES384");
    }

    [TestCaseSource(nameof(Curves))]
    public async Task Issue_writes_only_low_s_signatures_and_validate_refuses_the_high_s_twin(string algorithm, ECDsa key, HashAlgorithmName hash)
    {
        using var host = TestHost.Create(addDefaultKey: false, build: b => b.AddSigningKey(new ECDsaSecurityKey(key) { KeyId = "ec" }, algorithm));
        var order = key.KeySize == 256 ? OrderP256 : OrderP384;

        // About half of raw ECDSA signatures have a high s; 40 tokens all low would be chance once in 2^40.
        for (var i = 0; i < 40; i++)
        {
            var pat = await host.IssueAsync();
            var dot = pat.Token.LastIndexOf('.');
            var signature = Base64Url.DecodeFromChars(pat.Token.AsSpan(dot + 1));
            var width = signature.Length / 2;
            var s = new BigInteger(signature.AsSpan(width), isUnsigned: true, isBigEndian: true);
            Assert.That(s <= order / 2, Is.True, "issued with a high s");
            Assert.That((await host.Validator.ValidateAsync(pat.Token)).IsValid, Is.True);

            // The twin: a real signature over the same input, which a plain verifier accepts.
            var twin = (byte[])signature.Clone();
            var high = (order - s).ToByteArray(isUnsigned: true, isBigEndian: true);
            Array.Clear(twin, width, width);
            high.CopyTo(twin, 2 * width - high.Length);
            Assert.That(key.VerifyData(Encoding.ASCII.GetBytes(pat.Token[..dot]), twin, hash), Is.True);

            var result = await host.Validator.ValidateAsync(pat.Token[..(dot + 1)] + Base64Url.EncodeToString(twin));
            Assert.That(result.Failure, Is.EqualTo(PatValidationFailure.InvalidSignature));
        }
    }

    private static BigInteger Order(string hex) => BigInteger.Parse("0" + hex, System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture);
}
