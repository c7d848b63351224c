using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace PersonalAccessTokens.Cli;

/// <summary>
/// <c>pat keys new</c>: a signing key and the configuration entry for it. An asymmetric key goes to a PKCS#8 PEM
/// file readable by its owner only; an HMAC secret is printed once, as the environment variable to set.
/// </summary>
internal static class KeysNewCommand
{
    public static Command Create(CliContext context)
    {
        var algorithm = new Option<string>("--alg") { Description = "ES256, ES384, RS256, PS256, HS256, HS384 or HS512.", Required = true };
        var keyId = new Option<string?>("--kid") { Description = "The key id; defaults to today's date and a short random suffix." };
        var output = new Option<string?>("--out") { Description = "Where to write an asymmetric key's PEM; defaults to <kid>.pem here." };
        var force = new Option<bool>("--force") { Description = "Overwrite an existing key file." };
        var command = new Command("new", "Makes a signing key and prints the SigningKeys entry for it.") { algorithm, keyId, output, force };
        command.SetAction(parse => CommandRunner.Run(context, () =>
        {
            var alg = parse.GetValue(algorithm)!;
            if (!PatAlgorithms.All.Contains(alg))
            {
                throw new CliException(ExitCodes.Usage, $"Unknown algorithm '{alg}': use one of {string.Join(", ", PatAlgorithms.All)}.");
            }

            var kid = parse.GetValue(keyId)
                ?? $"{DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}";
            return alg.StartsWith("HS", StringComparison.Ordinal)
                ? WriteSecret(context, alg, kid)
                : WritePem(context, alg, kid, parse.GetValue(output) ?? $"{kid}.pem", parse.GetValue(force));
        }));
        return new Command("keys", "Signing keys.") { command };
    }

    private static int WriteSecret(CliContext context, string algorithm, string kid)
    {
        // As long as the hash: what the library's start-up check requires.
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(int.Parse(algorithm[2..], CultureInfo.InvariantCulture) / 8));
        context.Output.WriteLine($"PersonalAccessTokens__SigningKeys__0__Secret={secret}");
        context.Output.WriteLine(Entry(kid, algorithm, pemFile: null));
        context.Error.WriteLine("Set the variable in the service's environment (its index is the key's place in SigningKeys); keep the secret out of files.");
        return ExitCodes.Success;
    }

    private static int WritePem(CliContext context, string algorithm, string kid, string path, bool force)
    {
        using AsymmetricAlgorithm key = algorithm switch
        {
            "ES256" => ECDsa.Create(ECCurve.NamedCurves.nistP256),
            "ES384" => ECDsa.Create(ECCurve.NamedCurves.nistP384),
            _ => RSA.Create(3072),
        };
        var pem = key.ExportPkcs8PrivateKeyPem();
        try
        {
            // Created readable by its owner only; an existing file is never replaced unless asked.
            var options = new FileStreamOptions { Mode = force ? FileMode.Create : FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using var file = new FileStream(path, options);
            using var writer = new StreamWriter(file);
            writer.Write(pem);
        }
        catch (IOException) when (File.Exists(path) && !force)
        {
            throw new CliException(ExitCodes.Usage, $"{Path.GetFullPath(path)} exists: pass --force to replace it, or --out another file.");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliException(ExitCodes.Configuration, $"Could not write {Path.GetFullPath(path)}: {TokenServices.OneLine(ex.Message)}");
        }

        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite); // Also when --force replaced a file.
        }

        SecurityKey security = key is ECDsa ecdsa ? new ECDsaSecurityKey(ecdsa) : new RsaSecurityKey((RSA)key);
        var jwk = JsonWebKeyConverter.ConvertFromSecurityKey(security);
        jwk.Kid = kid;
        jwk.Alg = algorithm;
        jwk.Use = "sig";
        context.Output.WriteLine(System.Text.Encoding.UTF8.GetString(new JsonWebKeySet { Keys = { jwk } }.ToUtf8Json()));
        context.Output.WriteLine(Entry(kid, algorithm, path));
        context.Error.WriteLine($"Wrote the private key to {Path.GetFullPath(path)} (mode 0600). Above: the public key set, then the SigningKeys entry.");
        return ExitCodes.Success;
    }

    private static string Entry(string kid, string algorithm, string? pemFile)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteString("KeyId", kid);
            writer.WriteString("Algorithm", algorithm);
            if (pemFile is not null)
            {
                writer.WriteString("PemFile", pemFile);
            }

            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}
