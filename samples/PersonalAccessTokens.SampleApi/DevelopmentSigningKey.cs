using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace PersonalAccessTokens.SampleApi;

/// <summary>A development-only ES256 key: made on first run and read back from its file afterwards.</summary>
internal static class DevelopmentSigningKey
{
    public static ECDsaSecurityKey LoadOrCreate(string path)
    {
        var ecdsa = ECDsa.Create();
        if (File.Exists(path))
        {
            ecdsa.ImportFromPem(File.ReadAllText(path));
        }
        else
        {
            ecdsa.GenerateKey(ECCurve.NamedCurves.nistP256);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, ecdsa.ExportPkcs8PrivateKeyPem());
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }

        // The key id is the key's thumbprint, so a new key file can never be mistaken for the old one.
        var key = new ECDsaSecurityKey(ecdsa);
        key.KeyId = "dev-" + Base64UrlEncoder.Encode(key.ComputeJwkThumbprint())[..12];
        return key;
    }
}
