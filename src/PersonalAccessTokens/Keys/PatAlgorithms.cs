using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace PersonalAccessTokens;

/// <summary>The JWS algorithms the library signs and validates with, and the minimum key each needs.</summary>
public static class PatAlgorithms
{
    /// <summary>Every supported algorithm: HS256, HS384, HS512, RS256, PS256, ES256 and ES384.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        SecurityAlgorithms.HmacSha256,
        SecurityAlgorithms.HmacSha384,
        SecurityAlgorithms.HmacSha512,
        SecurityAlgorithms.RsaSha256,
        SecurityAlgorithms.RsaSsaPssSha256,
        SecurityAlgorithms.EcdsaSha256,
        SecurityAlgorithms.EcdsaSha384,
    ];

    /// <summary>The smallest RSA modulus accepted, in bits (RFC 7518 §3.3 requires 2048).</summary>
    public const int MinimumRsaKeySizeInBits = 2048;

    private const string P256Oid = "1.2.840.10045.3.1.7";
    private const string P384Oid = "1.3.132.0.34";

    /// <summary>Why <paramref name="key"/> cannot be used with <paramref name="algorithm"/>, or <see langword="null"/> if it can.</summary>
    internal static string? CheckKey(SecurityKey key, string algorithm)
    {
        if (string.IsNullOrEmpty(key.KeyId))
        {
            return "A signing key needs a KeyId: it becomes the tokens' 'kid' header, by which validation finds the key.";
        }

        var id = key.KeyId;
        switch (algorithm)
        {
            case SecurityAlgorithms.HmacSha256:
            case SecurityAlgorithms.HmacSha384:
            case SecurityAlgorithms.HmacSha512:
                // RFC 7518 §3.2: an HMAC key must be at least as long as the hash output.
                var hashBits = HashBits(algorithm);
                return key switch
                {
                    SymmetricSecurityKey symmetric when symmetric.Key.Length * 8 >= hashBits => null,
                    SymmetricSecurityKey symmetric => $"The {algorithm} key '{id}' has {symmetric.Key.Length * 8} bits; it needs at least {hashBits}.",
                    _ => $"The key '{id}' is a {key.GetType().Name}; {algorithm} needs a SymmetricSecurityKey.",
                };

            case SecurityAlgorithms.RsaSha256:
            case SecurityAlgorithms.RsaSsaPssSha256:
                if (key is not (RsaSecurityKey or X509SecurityKey { PublicKey: RSA }))
                {
                    return $"The key '{id}' is a {key.GetType().Name}; {algorithm} needs an RSA key.";
                }

                return key.KeySize >= MinimumRsaKeySizeInBits
                    ? null
                    : $"The {algorithm} key '{id}' has {key.KeySize} bits; RSA keys need at least {MinimumRsaKeySizeInBits}.";

            case SecurityAlgorithms.EcdsaSha256:
            case SecurityAlgorithms.EcdsaSha384:
                var ecdsa = key switch
                {
                    ECDsaSecurityKey e => e.ECDsa,
                    X509SecurityKey { PublicKey: ECDsa e } => e,
                    _ => null,
                };
                if (ecdsa is null)
                {
                    return $"The key '{id}' is a {key.GetType().Name}; {algorithm} needs an ECDSA key.";
                }

                // RFC 7518 §3.4 binds each algorithm to one curve; another curve of the same size is refused.
                var wanted = algorithm == SecurityAlgorithms.EcdsaSha256 ? (Oid: P256Oid, Name: "P-256") : (Oid: P384Oid, Name: "P-384");
                return CurveOid(ecdsa) == wanted.Oid ? null : $"The {algorithm} key '{id}' is not on curve {wanted.Name}.";

            default:
                return $"The key '{id}' has algorithm '{algorithm}'; supported algorithms are {string.Join(", ", All)}.";
        }
    }

    internal static int HashBits(string algorithm) => algorithm switch
    {
        SecurityAlgorithms.HmacSha384 or SecurityAlgorithms.EcdsaSha384 => 384,
        SecurityAlgorithms.HmacSha512 => 512,
        _ => 256,
    };

    internal static HashAlgorithmName HashName(string algorithm) => HashBits(algorithm) switch
    {
        384 => HashAlgorithmName.SHA384,
        512 => HashAlgorithmName.SHA512,
        _ => HashAlgorithmName.SHA256,
    };

    private static string? CurveOid(ECDsa ecdsa)
    {
        var curve = ecdsa.ExportParameters(includePrivateParameters: false).Curve;
        return curve.Oid.Value ?? curve.Oid.FriendlyName switch
        {
            "nistP256" or "ECDSA_P256" => P256Oid,
            "nistP384" or "ECDSA_P384" => P384Oid,
            _ => null,
        };
    }
}
