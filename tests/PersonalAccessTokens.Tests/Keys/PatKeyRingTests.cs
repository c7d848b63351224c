using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using PersonalAccessTokens.Tests.Support;

namespace PersonalAccessTokens.Tests.Keys;

public sealed class PatKeyRingTests
{
    private static IEnumerable<TestCaseData> EveryAlgorithm()
    {
        yield return new TestCaseData(SecurityAlgorithms.HmacSha256, (Func<SecurityKey>)(() => new SymmetricSecurityKey(new byte[32]) { KeyId = "k" })).SetArgDisplayNames("HS256");
        yield return new TestCaseData(SecurityAlgorithms.HmacSha384, (Func<SecurityKey>)(() => new SymmetricSecurityKey(new byte[48]) { KeyId = "k" })).SetArgDisplayNames("HS384");
        yield return new TestCaseData(SecurityAlgorithms.HmacSha512, (Func<SecurityKey>)(() => new SymmetricSecurityKey(new byte[64]) { KeyId = "k" })).SetArgDisplayNames("HS512");
        yield return new TestCaseData(SecurityAlgorithms.RsaSha256, (Func<SecurityKey>)(() => new RsaSecurityKey(TestKeys.Rsa2048) { KeyId = "k" })).SetArgDisplayNames("RS256");
        yield return new TestCaseData(SecurityAlgorithms.RsaSsaPssSha256, (Func<SecurityKey>)(() => new RsaSecurityKey(TestKeys.Rsa2048) { KeyId = "k" })).SetArgDisplayNames("PS256");
        yield return new TestCaseData(SecurityAlgorithms.EcdsaSha256, (Func<SecurityKey>)(() => new ECDsaSecurityKey(TestKeys.P256) { KeyId = "k" })).SetArgDisplayNames("ES256");
        yield return new TestCaseData(SecurityAlgorithms.EcdsaSha384, (Func<SecurityKey>)(() => new ECDsaSecurityKey(TestKeys.P384) { KeyId = "k" })).SetArgDisplayNames("ES384");
    }

    [TestCaseSource(nameof(EveryAlgorithm))]
    public async Task Every_supported_algorithm_issues_tokens_that_validate_and_reject_a_flipped_signature_bit(string algorithm, Func<SecurityKey> key)
    {
        using var host = TestHost.Create(addDefaultKey: false, build: b => b.AddSigningKey(key(), algorithm));
        var pat = await host.IssueAsync();

        var result = await host.Validator.ValidateAsync(pat.Token);
        var signature = Base64UrlEncoder.DecodeBytes(pat.Token.Split('.')[2]);
        signature[^1] ^= 1;
        var tampered = pat.Token[..(pat.Token.LastIndexOf('.') + 1)] + Base64UrlEncoder.Encode(signature);

        Assert.That(new JsonWebToken(pat.Token).Alg, Is.EqualTo(algorithm));
        Assert.That(result.IsValid, Is.True, result.Message);
        Assert.That((await host.Validator.ValidateAsync(tampered)).Failure, Is.EqualTo(PatValidationFailure.InvalidSignature));
    }

    [Test]
    public async Task Validate_rejects_HS256_token_signed_with_the_RSA_public_key_as_secret_because_the_key_fixes_the_algorithm()
    {
        using var host = TestHost.Create(addDefaultKey: false, build: b => b.AddSigningKey(new RsaSecurityKey(TestKeys.Rsa2048) { KeyId = "rsa" }, SecurityAlgorithms.RsaSha256));
        var publicKeyAsSecret = Encoding.UTF8.GetBytes(TestKeys.Rsa2048.ExportSubjectPublicKeyInfoPem());

        var forged = TokenForge.Sign("""{"alg":"HS256","kid":"rsa","typ":"pat+jwt"}""", secret: publicKeyAsSecret);

        Assert.That((await host.Validator.ValidateAsync(forged)).Failure, Is.EqualTo(PatValidationFailure.InvalidAlgorithm));
    }

    [Test]
    public async Task Validate_rejects_token_whose_kid_names_another_key_even_if_a_ring_key_would_verify_it()
    {
        using var host = TestHost.Create(build: b => b.AddSigningKey(TestHost.HmacKey("hmac-2", [.. Enumerable.Repeat((byte)9, 32)]), SecurityAlgorithms.HmacSha256));

        // Signed with hmac-1's secret, but the header names hmac-2: only hmac-2 is tried.
        var token = TokenForge.Sign("""{"alg":"HS256","kid":"hmac-2","typ":"pat+jwt"}""");

        Assert.That((await host.Validator.ValidateAsync(token)).Failure, Is.EqualTo(PatValidationFailure.InvalidSignature));
    }

    [Test]
    public async Task Rotation_old_tokens_validate_in_the_overlap_new_tokens_use_the_new_key_and_old_ones_fail_after_retirement()
    {
        var rotation = TestHost.Start.AddDays(10);
        var retirement = TestHost.Start.AddDays(40);
        using var host = TestHost.Create(addDefaultKey: false, build: b => b
            .AddSigningKey(TestHost.HmacKey("old"), SecurityAlgorithms.HmacSha256, activatesAt: null, retiresAt: retirement)
            .AddSigningKey(TestHost.HmacKey("new", [.. Enumerable.Repeat((byte)5, 32)]), SecurityAlgorithms.HmacSha256, activatesAt: rotation, retiresAt: null));

        var before = await host.IssueAsync(lifetime: TimeSpan.FromDays(60));
        host.Time.SetUtcNow(rotation);
        var after = await host.IssueAsync(lifetime: TimeSpan.FromDays(60));

        Assert.That(before.KeyId, Is.EqualTo("old"));
        Assert.That(after.KeyId, Is.EqualTo("new"));
        Assert.That((await host.Validator.ValidateAsync(before.Token)).IsValid, Is.True, "old token in the overlap");
        Assert.That((await host.Validator.ValidateAsync(after.Token)).IsValid, Is.True);

        host.Time.SetUtcNow(retirement);
        Assert.That((await host.Validator.ValidateAsync(before.Token)).Failure, Is.EqualTo(PatValidationFailure.UnknownKey));
        Assert.That((await host.Validator.ValidateAsync(after.Token)).IsValid, Is.True);
    }

    [Test]
    public async Task Validate_rejects_a_key_that_activates_beyond_the_clock_skew()
    {
        var activation = TestHost.Start.AddHours(1);
        using var host = TestHost.Create(build: b => b.AddSigningKey(TestHost.HmacKey("future", [.. Enumerable.Repeat((byte)5, 32)]), SecurityAlgorithms.HmacSha256, activatesAt: activation, retiresAt: null));
        var token = TokenForge.Sign("""{"alg":"HS256","kid":"future","typ":"pat+jwt"}""", secret: [.. Enumerable.Repeat((byte)5, 32)]);

        Assert.That((await host.Validator.ValidateAsync(token)).Failure, Is.EqualTo(PatValidationFailure.UnknownKey));
        host.Time.SetUtcNow(activation - TimeSpan.FromSeconds(30));
        Assert.That((await host.Validator.ValidateAsync(token)).IsValid, Is.True, "within the skew a leading node may already sign with it");
    }

    [Test]
    public async Task Public_key_only_validates_and_never_signs()
    {
        var publicOnly = new RsaSecurityKey(TestKeys.Rsa2048.ExportParameters(false)) { KeyId = "public" };
        using var signer = TestHost.Create(addDefaultKey: false, build: b => b.AddSigningKey(new RsaSecurityKey(TestKeys.Rsa2048) { KeyId = "public" }, SecurityAlgorithms.RsaSha256));
        using var verifier = TestHost.Create(addDefaultKey: false, build: b => b.AddSigningKey(publicOnly, SecurityAlgorithms.RsaSha256));
        var pat = await signer.IssueAsync();

        Assert.That((await verifier.Validator.ValidateAsync(pat.Token)).IsValid, Is.True);
        var refused = await verifier.TokenIssuer.IssueAsync(new PatIssueRequest { Subject = "alice" });
        Assert.That(refused.Error!.Code, Is.EqualTo(PatIssueErrorCode.SigningKeyUnavailable));
    }

    [Test]
    public async Task A_custom_key_provider_rotates_by_publishing_a_new_list()
    {
        using var host = TestHost.Create(addDefaultKey: false, build: b => b.UseSigningKeyProvider<SwitchableProvider>());
        var provider = (SwitchableProvider)host.Provider.GetService(typeof(IPatSigningKeyProvider))!;
        var pat = await host.IssueAsync();

        provider.Keys = [new PatSigningKey(TestHost.HmacKey("other", [.. Enumerable.Repeat((byte)3, 32)]), SecurityAlgorithms.HmacSha256)];

        Assert.That(pat.KeyId, Is.EqualTo(TestHost.KeyId));
        Assert.That((await host.Validator.ValidateAsync(pat.Token)).Failure, Is.EqualTo(PatValidationFailure.UnknownKey));
    }

    private sealed class SwitchableProvider : IPatSigningKeyProvider
    {
        public IReadOnlyList<PatSigningKey> Keys { get; set; } = [new PatSigningKey(TestHost.HmacKey(), SecurityAlgorithms.HmacSha256)];

        public IReadOnlyList<PatSigningKey> GetSigningKeys() => Keys;
    }
}
