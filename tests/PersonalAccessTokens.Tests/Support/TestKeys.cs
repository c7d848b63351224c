using System.Security.Cryptography;

namespace PersonalAccessTokens.Tests.Support;

/// <summary>Asymmetric keys shared by the tests: generating RSA keys is slow, and they are only read.</summary>
public static class TestKeys
{
    public static readonly RSA Rsa2048 = RSA.Create(2048);
    public static readonly ECDsa P256 = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    public static readonly ECDsa P384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);
}
