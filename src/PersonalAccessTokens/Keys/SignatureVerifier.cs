using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace PersonalAccessTokens;

/// <summary>
/// Verifies one key's signatures over the ASCII signing input with the platform's span APIs, which allocate
/// nothing and are safe to call from many threads at once. Only public material is used, so a key whose
/// private half lives in a KMS validates locally.
/// </summary>
internal abstract class SignatureVerifier
{
    /// <summary>The exact signature length in bytes for this key and algorithm.</summary>
    public abstract int SignatureLength { get; }

    public abstract bool Verify(ReadOnlySpan<byte> signingInput, ReadOnlySpan<byte> signature);

    public static SignatureVerifier Create(PatSigningKey key) => key.Key switch
    {
        SymmetricSecurityKey symmetric => new Hmac(symmetric.Key, key.Algorithm),
        RsaSecurityKey rsa => new Rsa(PublicRsa(rsa), key.Algorithm),
        X509SecurityKey { PublicKey: RSA rsa } => new Rsa(rsa, key.Algorithm),
        ECDsaSecurityKey ecdsa => new Ecdsa(ecdsa.ECDsa, key.Algorithm),
        X509SecurityKey { PublicKey: ECDsa ecdsa } => new Ecdsa(ecdsa, key.Algorithm),
        _ => throw new NotSupportedException($"The key '{key.KeyId}' is a {key.Key.GetType().Name}, which the validator cannot verify with."),
    };

    private static RSA PublicRsa(RsaSecurityKey key) =>
        key.Rsa ?? RSA.Create(new RSAParameters { Modulus = key.Parameters.Modulus, Exponent = key.Parameters.Exponent });

    private sealed class Hmac(byte[] key, string algorithm) : SignatureVerifier
    {
        // Copied so that a caller mutating its array cannot change the ring.
        private readonly byte[] _key = (byte[])key.Clone();
        private readonly HashAlgorithmName _hash = PatAlgorithms.HashName(algorithm);
        private readonly int _bits = PatAlgorithms.HashBits(algorithm);

        // Keyed HMAC states for reuse: the one-shot HashData sets the key up on every call, which costs about as
        // much as hashing a whole token. One slot per core is enough, as a state is held only while hashing.
        private readonly IncrementalHash?[] _pool = new IncrementalHash?[Environment.ProcessorCount];

        public override int SignatureLength => _bits / 8;

        public override bool Verify(ReadOnlySpan<byte> signingInput, ReadOnlySpan<byte> signature)
        {
            Span<byte> expected = stackalloc byte[64];
            var hmac = Rent();
            hmac.AppendData(signingInput);
            hmac.TryGetHashAndReset(expected, out var written);
            Return(hmac);

            // Constant time, so response timing reveals nothing about how much of a forged MAC was right.
            return CryptographicOperations.FixedTimeEquals(expected[..written], signature);
        }

        private IncrementalHash Rent()
        {
            for (var i = 0; i < _pool.Length; i++)
            {
                if (Interlocked.Exchange(ref _pool[i], null) is { } pooled)
                {
                    return pooled;
                }
            }

            return IncrementalHash.CreateHMAC(_hash, _key);
        }

        private void Return(IncrementalHash hmac)
        {
            for (var i = 0; i < _pool.Length; i++)
            {
                if (Interlocked.CompareExchange(ref _pool[i], hmac, null) is null)
                {
                    return;
                }
            }

            hmac.Dispose();
        }
    }

    private sealed class Rsa(RSA rsa, string algorithm) : SignatureVerifier
    {
        private readonly HashAlgorithmName _hash = PatAlgorithms.HashName(algorithm);
        private readonly RSASignaturePadding _padding =
            algorithm == SecurityAlgorithms.RsaSsaPssSha256 ? RSASignaturePadding.Pss : RSASignaturePadding.Pkcs1;

        public override int SignatureLength { get; } = (rsa.KeySize + 7) / 8;

        public override bool Verify(ReadOnlySpan<byte> signingInput, ReadOnlySpan<byte> signature) =>
            rsa.VerifyData(signingInput, signature, _hash, _padding);
    }

    private sealed class Ecdsa(ECDsa ecdsa, string algorithm) : SignatureVerifier
    {
        private readonly HashAlgorithmName _hash = PatAlgorithms.HashName(algorithm);

        // JWS uses the fixed-size r||s form (RFC 7518 §3.4), the default of the span overload.
        public override int SignatureLength { get; } = 2 * ((ecdsa.KeySize + 7) / 8);

        // A high s verifies too, but is the second spelling of a token we issued with the low one.
        public override bool Verify(ReadOnlySpan<byte> signingInput, ReadOnlySpan<byte> signature) =>
            EcdsaLowS.IsLow(signature) && ecdsa.VerifyData(signingInput, signature, _hash);
    }
}
