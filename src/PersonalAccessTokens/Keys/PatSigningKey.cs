using Microsoft.IdentityModel.Tokens;

namespace PersonalAccessTokens;

/// <summary>
/// A key of the ring with its algorithm and the window in which it is used.
/// The constructor refuses a key that is too weak for its algorithm.
/// </summary>
public sealed class PatSigningKey
{
    /// <summary>Creates a ring key.</summary>
    /// <param name="key">The key; its <see cref="SecurityKey.KeyId"/> is required and becomes the tokens' <c>kid</c>.</param>
    /// <param name="algorithm">One of <see cref="PatAlgorithms.All"/>, e.g. <see cref="SecurityAlgorithms.HmacSha256"/>.</param>
    /// <param name="activatesAt">When the key starts signing; <see langword="null"/> for always.</param>
    /// <param name="retiresAt">When the key stops signing and validating; <see langword="null"/> for never.</param>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> or <paramref name="algorithm"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The key has no id, the algorithm is unsupported or does not fit the key, the key is too weak, or it retires before it activates.</exception>
    public PatSigningKey(SecurityKey key, string algorithm, DateTimeOffset? activatesAt = null, DateTimeOffset? retiresAt = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(algorithm);
        if (PatAlgorithms.CheckKey(key, algorithm) is { } problem)
        {
            throw new ArgumentException(problem, nameof(key));
        }

        if (activatesAt is { } from && retiresAt is { } until && until <= from)
        {
            throw new ArgumentException($"The key '{key.KeyId}' retires at {until:O}, not after it activates at {from:O}.", nameof(retiresAt));
        }

        Key = key;
        Algorithm = algorithm;
        ActivatesAt = activatesAt;
        RetiresAt = retiresAt;
        // A key without private material still signs when a custom CryptoProviderFactory does it remotely (KMS, HSM).
        CanSign = key is not AsymmetricSecurityKey asymmetric
            || asymmetric.PrivateKeyStatus != PrivateKeyStatus.DoesNotExist
            || key.CryptoProviderFactory?.CustomCryptoProvider is not null;
    }

    /// <summary>The key id, written to each token's <c>kid</c> header.</summary>
    public string KeyId => Key.KeyId;

    /// <summary>The key material.</summary>
    public SecurityKey Key { get; }

    /// <summary>The only algorithm this key signs and validates with.</summary>
    public string Algorithm { get; }

    /// <summary>When the key starts signing, or <see langword="null"/> if it always could.</summary>
    /// <remarks>A key that is not yet active validates anyway within the clock skew, so nodes whose clocks lead by a little agree.</remarks>
    public DateTimeOffset? ActivatesAt { get; }

    /// <summary>When the key stops signing and validating, or <see langword="null"/> if never. Tokens it signed then fail with <see cref="PatValidationFailure.UnknownKey"/>.</summary>
    public DateTimeOffset? RetiresAt { get; }

    /// <summary>
    /// Whether the key can sign: it holds private material, or its <see cref="SecurityKey.CryptoProviderFactory"/> has a
    /// custom provider that signs elsewhere. A plain public key only validates.
    /// </summary>
    public bool CanSign { get; }

    /// <summary>Whether the key signs at <paramref name="now"/>: activated and not retired.</summary>
    /// <param name="now">The instant to ask about.</param>
    public bool IsActiveAt(DateTimeOffset now) => (ActivatesAt is null || ActivatesAt <= now) && !IsRetiredAt(now);

    /// <summary>Whether the key has retired at <paramref name="now"/>.</summary>
    /// <param name="now">The instant to ask about.</param>
    public bool IsRetiredAt(DateTimeOffset now) => RetiresAt is { } until && until <= now;

    /// <summary>Describes the key by id and algorithm, never its material.</summary>
    public override string ToString() => $"{KeyId} ({Algorithm})";
}
