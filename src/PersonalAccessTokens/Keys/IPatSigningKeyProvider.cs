namespace PersonalAccessTokens;

/// <summary>
/// Supplies the key ring: the keys that sign and validate tokens, each with its activation and retirement.
/// The default reads <see cref="PersonalAccessTokenOptions.SigningKeys"/>; replace it to fetch keys from a KMS or a vault.
/// </summary>
/// <remarks>
/// <see cref="GetSigningKeys"/> is called on every issue and validation, so return a cached list. The ring re-indexes
/// its keys only when the returned list is a different instance: to rotate, publish a new list, don't mutate the old one.
/// </remarks>
public interface IPatSigningKeyProvider
{
    /// <summary>The current keys. Key ids must be unique.</summary>
    IReadOnlyList<PatSigningKey> GetSigningKeys();
}
