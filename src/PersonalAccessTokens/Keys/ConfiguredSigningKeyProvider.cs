using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace PersonalAccessTokens;

/// <summary>The default <see cref="IPatSigningKeyProvider"/>: the configured keys and those added in code, loaded once.</summary>
internal sealed class ConfiguredSigningKeyProvider(
    IOptions<PersonalAccessTokenOptions> options, IOptions<AddedSigningKeys> added, IHostEnvironment? environment = null) : IPatSigningKeyProvider
{
    private readonly Lazy<PatSigningKey[]> _keys = new(() => Load(options.Value, added.Value, environment?.ContentRootPath));

    public IReadOnlyList<PatSigningKey> GetSigningKeys() => _keys.Value;

    private static PatSigningKey[] Load(PersonalAccessTokenOptions options, AddedSigningKeys added, string? contentRoot)
    {
        // Options validation has reported every problem at start-up; anything left here is a bug.
        var loaded = SigningKeyLoader.LoadAll(options.SigningKeys, added.Keys, contentRoot);
        var error = loaded.Find(r => r.Error is not null).Error;
        return error is null
            ? [.. loaded.Select(r => r.Key!)]
            : throw new InvalidOperationException(error);
    }
}
