using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace PersonalAccessTokens;

/// <summary>Turns <see cref="PatSigningKeyOptions"/> into ring keys, reporting every problem instead of throwing.</summary>
internal static class SigningKeyLoader
{
    public readonly record struct LoadResult(PatSigningKey? Key, string? Error);

    /// <summary>
    /// Loads every configured key and adds the keys made in code, with identical repeats removed (configuration
    /// bound twice, or one key added twice, is harmless). A relative <c>PemFile</c> is read from
    /// <paramref name="contentRoot"/>, as Kestrel reads a relative certificate path, so it does not depend on where the
    /// process was started from.
    /// </summary>
    public static List<LoadResult> LoadAll(IEnumerable<PatSigningKeyOptions> keys, IEnumerable<PatSigningKey> added, string? contentRoot)
    {
        var distinct = new List<PatSigningKeyOptions>();
        foreach (var key in keys)
        {
            if (!distinct.Exists(k => k.SameAs(key)))
            {
                distinct.Add(key);
            }
        }

        var results = distinct.Select(key => Load(key, contentRoot)).ToList();
        foreach (var key in added)
        {
            if (!results.Exists(r => ReferenceEquals(r.Key, key)))
            {
                results.Add(new LoadResult(key, null));
            }
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < results.Count; i++)
        {
            if (results[i].Key is { } loaded && !seen.Add(loaded.KeyId))
            {
                results[i] = new LoadResult(null, $"The key id '{loaded.KeyId}' is used by two different keys; key ids must be unique.");
            }
        }

        return results;
    }

    public static LoadResult Load(PatSigningKeyOptions options, string? contentRoot)
    {
        var name = options.KeyId ?? "(no KeyId)";
        if (string.IsNullOrEmpty(options.Algorithm))
        {
            return new(null, $"The signing key '{name}' has no Algorithm; use one of {string.Join(", ", PatAlgorithms.All)}.");
        }

        if (string.IsNullOrEmpty(options.KeyId))
        {
            return new(null, "A configured signing key has no KeyId: it becomes the tokens' 'kid' header, by which validation finds the key.");
        }

        var sources = (options.Secret is null ? 0 : 1) + (options.Pem is null ? 0 : 1) + (options.PemFile is null ? 0 : 1);
        if (sources != 1)
        {
            return new(null, $"The signing key '{name}' needs exactly one of Secret, Pem or PemFile; it has {sources}.");
        }

        var pemPath = options.PemFile is { } file ? Path.GetFullPath(file, contentRoot ?? Environment.CurrentDirectory) : null;
        if (pemPath is not null && !File.Exists(pemPath))
        {
            return new(null, $"The signing key '{name}' reads PemFile '{options.PemFile}', which does not exist (looked for {pemPath}).");
        }

        SecurityKey key;
        try
        {
            key = options.Secret is { } secret ? FromSecret(secret) : FromPem(options.Pem ?? File.ReadAllText(pemPath!), options.Algorithm);
        }
        catch (Exception ex) when (ex is FormatException or CryptographicException or ArgumentException or IOException or UnauthorizedAccessException)
        {
            // The exception message may quote key text; report only the kind of failure.
            return new(null, $"The signing key '{name}' could not be read ({ex.GetType().Name}): check that it is valid base64 or PEM for {options.Algorithm}.");
        }

        key.KeyId = options.KeyId;

        if (PatAlgorithms.CheckKey(key, options.Algorithm) is { } problem)
        {
            return new(null, problem);
        }

        if (options.ActivatesAt is { } from && options.RetiresAt is { } until && until <= from)
        {
            return new(null, $"The signing key '{name}' retires at {until:O}, not after it activates at {from:O}.");
        }

        return new(new PatSigningKey(key, options.Algorithm, options.ActivatesAt, options.RetiresAt), null);
    }

    private static SymmetricSecurityKey FromSecret(string secret) => new(Convert.FromBase64String(secret));

    private static SecurityKey FromPem(string pem, string algorithm)
    {
        if (algorithm.StartsWith("ES", StringComparison.Ordinal))
        {
            var ecdsa = ECDsa.Create();
            ecdsa.ImportFromPem(pem);
            return new ECDsaSecurityKey(ecdsa);
        }

        var rsa = RSA.Create();
        rsa.ImportFromPem(pem);
        return new RsaSecurityKey(rsa);
    }
}
