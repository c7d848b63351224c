using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace PersonalAccessTokens;

/// <summary>Checks the options at start-up and reports every problem at once, not just the first.</summary>
internal sealed class PersonalAccessTokenOptionsValidator(
    IEnumerable<CustomSigningKeyProviderMarker> customKeyProviders,
    IOptions<AddedSigningKeys> added,
    IEnumerable<BoundConfiguration> boundConfigurations,
    IHostEnvironment? environment = null)
    : IValidateOptions<PersonalAccessTokenOptions>
{
    private readonly bool _usesCustomKeyProvider = customKeyProviders.Any();

    public ValidateOptionsResult Validate(string? name, PersonalAccessTokenOptions options)
    {
        var result = ValidateValues(options);
        if (result.Failed && boundConfigurations.FirstOrDefault(c => c.IsMissingOrEmpty) is { } missing)
        {
            // The likeliest cause of every other error: say it first, or the reader hunts a missing issuer.
            return ValidateOptionsResult.Fail(
                [$"PersonalAccessTokens: The configuration section '{missing.Path}' is missing or empty.", .. result.Failures!]);
        }

        return result;
    }

    private ValidateOptionsResult ValidateValues(PersonalAccessTokenOptions options)
    {
        var errors = new ValidateOptionsResultBuilder();
        const string Prefix = "PersonalAccessTokens: ";

        if (string.IsNullOrWhiteSpace(options.Issuer))
        {
            errors.AddError(Prefix + "Issuer is required; it is written to and checked in every token's 'iss' claim.", nameof(options.Issuer));
        }

        if (string.IsNullOrWhiteSpace(options.Audience))
        {
            errors.AddError(Prefix + "Audience is required; it is written to and checked in every token's 'aud' claim.", nameof(options.Audience));
        }

        if (string.IsNullOrWhiteSpace(options.TokenType))
        {
            errors.AddError(Prefix + "TokenType must not be empty; it is the 'typ' header that tells PATs from other JWTs.", nameof(options.TokenType));
        }

        // Scanners match the prefix literally, and the validator compares it byte for byte.
        if (options.TokenPrefix is { } prefix && (prefix.Length == 0 || !prefix.All(c => char.IsAsciiLetterOrDigit(c) || c == '_')))
        {
            errors.AddError(Prefix + $"TokenPrefix '{prefix}' may hold only the characters [A-Za-z0-9_] and must not be empty.", nameof(options.TokenPrefix));
        }

        if (options.MaxLifetime <= TimeSpan.Zero)
        {
            errors.AddError(Prefix + $"MaxLifetime is {options.MaxLifetime}; it must be positive.", nameof(options.MaxLifetime));
        }

        if (options.DefaultLifetime <= TimeSpan.Zero || options.DefaultLifetime > options.MaxLifetime)
        {
            errors.AddError(Prefix + $"DefaultLifetime is {options.DefaultLifetime}; it must be positive and at most MaxLifetime ({options.MaxLifetime}).", nameof(options.DefaultLifetime));
        }

        if (options.DefaultDerivedLifetime <= TimeSpan.Zero)
        {
            errors.AddError(Prefix + $"DefaultDerivedLifetime is {options.DefaultDerivedLifetime}; it must be positive.", nameof(options.DefaultDerivedLifetime));
        }

        if (options.MaxDerivationDepth is < 0 or > PatDerivation.MaxDepthLimit)
        {
            errors.AddError(Prefix + $"MaxDerivationDepth is {options.MaxDerivationDepth}; it must be between 0 and {PatDerivation.MaxDepthLimit}.", nameof(options.MaxDerivationDepth));
        }

        if (options.ClockSkew < TimeSpan.Zero || options.ClockSkew > TimeSpan.FromMinutes(10))
        {
            errors.AddError(Prefix + $"ClockSkew is {options.ClockSkew}; it must be between zero and 10 minutes.", nameof(options.ClockSkew));
        }

        if (options.MaxTokenLength < 64)
        {
            errors.AddError(Prefix + $"MaxTokenLength is {options.MaxTokenLength}; no signed token fits in fewer than 64 characters.", nameof(options.MaxTokenLength));
        }

        if (options.ValidationCacheSize < 0)
        {
            errors.AddError(Prefix + $"ValidationCacheSize is {options.ValidationCacheSize}; use zero to turn the cache off.", nameof(options.ValidationCacheSize));
        }

        if (options.RecordRetention < TimeSpan.Zero)
        {
            errors.AddError(Prefix + $"RecordRetention is {options.RecordRetention}; it must not be negative.", nameof(options.RecordRetention));
        }

        if (options.UsageFlushInterval <= TimeSpan.Zero)
        {
            errors.AddError(Prefix + $"UsageFlushInterval is {options.UsageFlushInterval}; it must be positive.", nameof(options.UsageFlushInterval));
        }

        if (options.ExpiryNoticeWindows?.FirstOrDefault(w => w <= TimeSpan.Zero) is { } window && window <= TimeSpan.Zero)
        {
            errors.AddError(Prefix + $"ExpiryNoticeWindows holds {window}; each window must be positive.", nameof(options.ExpiryNoticeWindows));
        }

        ValidateKeys(options, errors, Prefix);

        foreach (var problem in PatScopeCatalog.Problems(options.Scopes))
        {
            errors.AddError(Prefix + problem, nameof(options.Scopes));
        }

        return errors.Build();
    }

    private void ValidateKeys(PersonalAccessTokenOptions options, ValidateOptionsResultBuilder errors, string prefix)
    {
        if (options.SigningKeys.Count == 0 && added.Value.Keys.Count == 0 && !_usesCustomKeyProvider)
        {
            errors.AddError(prefix + "No signing key is configured. Add one with AddSigningKey(...) or under SigningKeys in configuration.", nameof(options.SigningKeys));
            return;
        }

        foreach (var result in SigningKeyLoader.LoadAll(options.SigningKeys, added.Value.Keys, environment?.ContentRootPath))
        {
            if (result.Error is { } error)
            {
                errors.AddError(prefix + error, nameof(options.SigningKeys));
            }
        }
    }
}

/// <summary>The configuration <c>AddPersonalAccessTokens(IConfiguration)</c> bound, so validation can say when it is empty.</summary>
internal sealed class BoundConfiguration(IConfiguration configuration)
{
    public string Path { get; } = (configuration as IConfigurationSection)?.Path is { Length: > 0 } path ? path : "(root)";

    // A section written as "PersonalAccessTokens": "" or {} has no children; Exists() would call the first present.
    public bool IsMissingOrEmpty => !configuration.GetChildren().Any();
}

/// <summary>Registered by <c>UseSigningKeyProvider</c>, so validation knows keys may legitimately be absent from options.</summary>
internal sealed class CustomSigningKeyProviderMarker;
