using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace PersonalAccessTokens;

internal sealed class PatJsonWebKeySetProvider(PatKeyRing ring, TimeProvider timeProvider) : IPatJsonWebKeySetProvider
{
    public JsonWebKeySet GetJsonWebKeySet()
    {
        var set = new JsonWebKeySet();
        foreach (var key in ring.Current.ValidatingAt(timeProvider.GetUtcNow()))
        {
            if (ToPublicJwk(key) is { } jwk)
            {
                set.Keys.Add(jwk);
            }
        }

        return set;
    }

    // Built field by field from exported public parameters, so no private member can leak into the set.
    private static JsonWebKey? ToPublicJwk(PatSigningKey key)
    {
        var jwk = new JsonWebKey { Kid = key.KeyId, Alg = key.Algorithm, Use = JsonWebKeyUseNames.Sig };
        switch (key.Key)
        {
            case RsaSecurityKey { Rsa: null } rsa:
                return WithRsa(jwk, rsa.Parameters);
            case RsaSecurityKey rsa:
                return WithRsa(jwk, rsa.Rsa.ExportParameters(includePrivateParameters: false));
            case X509SecurityKey { PublicKey: RSA rsa }:
                return WithRsa(jwk, rsa.ExportParameters(includePrivateParameters: false));
            case ECDsaSecurityKey ecdsa:
                return WithEcdsa(jwk, ecdsa.ECDsa, key.Algorithm);
            case X509SecurityKey { PublicKey: ECDsa ecdsa }:
                return WithEcdsa(jwk, ecdsa, key.Algorithm);
            default:
                return null; // Symmetric: the secret is the key; publishing it would let anyone mint tokens.
        }
    }

    private static JsonWebKey WithRsa(JsonWebKey jwk, RSAParameters parameters)
    {
        jwk.Kty = JsonWebAlgorithmsKeyTypes.RSA;
        jwk.N = Base64UrlEncoder.Encode(parameters.Modulus);
        jwk.E = Base64UrlEncoder.Encode(parameters.Exponent);
        return jwk;
    }

    private static JsonWebKey WithEcdsa(JsonWebKey jwk, ECDsa ecdsa, string algorithm)
    {
        var parameters = ecdsa.ExportParameters(includePrivateParameters: false);
        jwk.Kty = JsonWebAlgorithmsKeyTypes.EllipticCurve;
        jwk.Crv = algorithm == SecurityAlgorithms.EcdsaSha256 ? JsonWebKeyECTypes.P256 : JsonWebKeyECTypes.P384;
        jwk.X = Base64UrlEncoder.Encode(parameters.Q.X);
        jwk.Y = Base64UrlEncoder.Encode(parameters.Q.Y);
        return jwk;
    }
}
