using Microsoft.Extensions.Options;

namespace PersonalAccessTokens;

/// <summary>The default <see cref="IPatSigningKeyProvider"/>: the keys of <see cref="PersonalAccessTokenOptions.SigningKeys"/>, loaded once.</summary>
internal sealed class ConfiguredSigningKeyProvider(IOptions<PersonalAccessTokenOptions> options) : IPatSigningKeyProvider
{
    private readonly Lazy<PatSigningKey[]> _keys = new(() => Load(options.Value));

    public IReadOnlyList<PatSigningKey> GetSigningKeys() => _keys.Value;

    private static PatSigningKey[] Load(PersonalAccessTokenOptions options)
    {
        // Options validation has reported every problem at start-up; anything left here is a bug.
        var loaded = SigningKeyLoader.LoadAll(options.SigningKeys);
        var error = loaded.Find(r => r.Error is not null).Error;
        return error is null
            ? [.. loaded.Select(r => r.Key!)]
            : throw new InvalidOperationException(error);
    }
}
