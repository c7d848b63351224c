using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;
using PersonalAccessTokens.Tests.Support;

namespace PersonalAccessTokens.Tests.Keys;

/// <summary>A key whose private half lives elsewhere (a KMS, an HSM) signs through a custom CryptoProviderFactory.</summary>
public sealed class RemoteSignerTests
{
    [Test]
    public async Task A_public_key_with_a_custom_crypto_provider_signs_remotely_and_validates_locally()
    {
        var remote = new RemoteRsa(TestKeys.Rsa2048);
        var key = new RsaSecurityKey(TestKeys.Rsa2048.ExportParameters(includePrivateParameters: false))
        {
            KeyId = "kms-1",
            CryptoProviderFactory = new CryptoProviderFactory { CustomCryptoProvider = remote },
        };
        using var host = TestHost.Create(addDefaultKey: false, build: b => b.AddSigningKey(key, SecurityAlgorithms.RsaSha256));

        var pat = await host.IssueAsync();

        Assert.That(remote.Signatures, Is.EqualTo(1));
        Assert.That(pat.KeyId, Is.EqualTo("kms-1"));
        Assert.That((await host.Validator.ValidateAsync(pat.Token)).IsValid, Is.True);
    }

    private sealed class RemoteRsa(RSA privateKey) : ICryptoProvider
    {
        public int Signatures { get; private set; }

        private RSA PrivateKey => privateKey;

        public bool IsSupportedAlgorithm(string algorithm, params object[] args) => algorithm == SecurityAlgorithms.RsaSha256;

        public object Create(string algorithm, params object[] args) => new Signer((SecurityKey)args[0], algorithm, this);

        public void Release(object cryptoInstance) => (cryptoInstance as IDisposable)?.Dispose();

        private sealed class Signer(SecurityKey key, string algorithm, RemoteRsa owner) : SignatureProvider(key, algorithm)
        {
            public override byte[] Sign(byte[] input)
            {
                owner.Signatures++;
                return owner.PrivateKey.SignData(input, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            }

            public override bool Sign(ReadOnlySpan<byte> data, Span<byte> destination, out int bytesWritten)
            {
                owner.Signatures++;
                return owner.PrivateKey.TrySignData(data, destination, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1, out bytesWritten);
            }

            public override bool Verify(byte[] input, byte[] signature) => throw new NotSupportedException("Validation is local.");

            protected override void Dispose(bool disposing)
            {
            }
        }
    }
}
