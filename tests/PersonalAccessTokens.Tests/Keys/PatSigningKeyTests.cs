using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;
using PersonalAccessTokens.Tests.Support;

namespace PersonalAccessTokens.Tests.Keys;

public sealed class PatSigningKeyTests
{
    [TestCase(SecurityAlgorithms.HmacSha256, 31)]
    [TestCase(SecurityAlgorithms.HmacSha384, 47)]
    [TestCase(SecurityAlgorithms.HmacSha512, 63)]
    public void AddSigningKey_refuses_an_HMAC_key_shorter_than_the_hash(string algorithm, int bytes)
    {
        var builder = new ServiceCollection().AddPersonalAccessTokens(_ => { });

        var error = Assert.Throws<ArgumentException>(() => builder.AddSigningKey(new SymmetricSecurityKey(new byte[bytes]) { KeyId = "k" }, algorithm));

        Assert.That(error!.Message, Does.Contain($"{bytes * 8} bits"));
    }

    [Test]
    public void PatSigningKey_refuses_an_RSA_key_under_2048_bits()
    {
        using var rsa = RSA.Create(1024);

        var error = Assert.Throws<ArgumentException>(() => _ = new PatSigningKey(new RsaSecurityKey(rsa) { KeyId = "k" }, SecurityAlgorithms.RsaSha256));

        Assert.That(error!.Message, Does.Contain("2048"));
    }

    [Test]
    public void PatSigningKey_refuses_an_ECDSA_key_on_the_wrong_curve()
    {
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);

        Assert.Throws<ArgumentException>(() => _ = new PatSigningKey(new ECDsaSecurityKey(p384) { KeyId = "k" }, SecurityAlgorithms.EcdsaSha256));
    }

    [TestCase(SecurityAlgorithms.RsaSha256)]
    [TestCase(SecurityAlgorithms.EcdsaSha256)]
    [TestCase("none")]
    [TestCase("RS512")]
    [TestCase("hs256")]
    public void PatSigningKey_refuses_an_algorithm_that_does_not_fit_the_key_or_is_unsupported(string algorithm)
    {
        Assert.Throws<ArgumentException>(() => _ = new PatSigningKey(TestHost.HmacKey(), algorithm));
    }

    [Test]
    public void PatSigningKey_refuses_a_key_without_an_id()
    {
        Assert.Throws<ArgumentException>(() => _ = new PatSigningKey(new SymmetricSecurityKey(new byte[32]), SecurityAlgorithms.HmacSha256));
    }

    [Test]
    public void PatSigningKey_refuses_to_retire_before_it_activates()
    {
        Assert.Throws<ArgumentException>(() => _ = new PatSigningKey(TestHost.HmacKey(), SecurityAlgorithms.HmacSha256, TestHost.Start, TestHost.Start));
    }

    [Test]
    public void ToString_names_the_key_and_never_its_material()
    {
        var key = new PatSigningKey(TestHost.HmacKey(), SecurityAlgorithms.HmacSha256);

        Assert.That(key.ToString(), Is.EqualTo("hmac-1 (HS256)"));
    }
}
