using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace PersonalAccessTokens.Cli;

/// <summary>
/// The validator of a service that does not issue: the issuer and audience given, and only the public keys of a key
/// set, read from a file or fetched from the service's key-set endpoint.
/// </summary>
internal static class PublicKeyServices
{
    private static readonly TimeSpan FetchTimeout = TimeSpan.FromSeconds(10);

    public static async Task<ServiceProvider> BuildAsync(string jwks, string issuer, string audience, string? prefix, CancellationToken cancellationToken)
    {
        var set = ParseSet(await ReadAsync(jwks, cancellationToken).ConfigureAwait(false), jwks);
        var services = new ServiceCollection();
        var tokens = services.AddPersonalAccessTokens(o =>
        {
            o.Issuer = issuer;
            o.Audience = audience;
            o.TokenPrefix = prefix;
        });
        foreach (var jwk in set.Keys)
        {
            if (!JsonWebKeyConverter.TryConvertToSecurityKey(jwk, out var key) || string.IsNullOrEmpty(jwk.Alg))
            {
                throw new CliException(ExitCodes.Configuration, $"The key '{jwk.Kid}' in {jwks} is not a public RSA or EC key with an 'alg'.");
            }

            key.KeyId = jwk.Kid;
            try
            {
                tokens.AddSigningKey(key, jwk.Alg);
            }
            catch (ArgumentException ex)
            {
                throw new CliException(ExitCodes.Configuration, $"The key '{jwk.Kid}' in {jwks} cannot be used: {TokenServices.OneLine(ex.Message)}");
            }
        }

        var provider = services.BuildServiceProvider();
        try
        {
            _ = provider.GetRequiredService<IOptions<PersonalAccessTokenOptions>>().Value;
            return provider;
        }
        catch (OptionsValidationException ex)
        {
            await provider.DisposeAsync().ConfigureAwait(false);
            throw new CliException(ExitCodes.Configuration, TokenServices.OneLine(string.Join(" ", ex.Failures)));
        }
    }

    private static async Task<string> ReadAsync(string jwks, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(jwks, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return File.Exists(jwks)
                ? await File.ReadAllTextAsync(jwks, cancellationToken).ConfigureAwait(false)
                : throw new CliException(ExitCodes.Configuration, $"No key set file at {Path.GetFullPath(jwks)}: pass a file or an http(s) URL to --jwks.");
        }

        using var http = new HttpClient { Timeout = FetchTimeout };
        try
        {
            return await http.GetStringAsync(uri, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            throw new CliException(ExitCodes.Configuration, $"The key set at {uri} did not answer within {FetchTimeout.TotalSeconds:0} s: {TokenServices.OneLine(ex.Message)}");
        }
    }

    private static JsonWebKeySet ParseSet(string json, string source)
    {
        try
        {
            return new JsonWebKeySet(json);
        }
        catch (ArgumentException ex)
        {
            throw new CliException(ExitCodes.Configuration, $"{source} is not a JSON Web Key Set: {TokenServices.OneLine(ex.Message)}");
        }
    }
}
