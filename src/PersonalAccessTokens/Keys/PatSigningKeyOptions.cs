namespace PersonalAccessTokens;

/// <summary>
/// A signing key as configuration describes it, with exactly one source of material: <see cref="Secret"/>,
/// <see cref="Pem"/> or <see cref="PemFile"/>. Keys made in code are added with <c>AddSigningKey</c> instead.
/// </summary>
public sealed class PatSigningKeyOptions
{
    /// <summary>The key id, written to each token's <c>kid</c> header. Required.</summary>
    public string? KeyId { get; set; }

    /// <summary>The algorithm, one of <see cref="PatAlgorithms.All"/>.</summary>
    public string? Algorithm { get; set; }

    /// <summary>An HMAC secret in base64, at least as many bytes as the hash (32 for HS256).</summary>
    public string? Secret { get; set; }

    /// <summary>An RSA or EC key in PEM text: a private key to sign, or a public key to validate only.</summary>
    public string? Pem { get; set; }

    /// <summary>
    /// The path of a PEM file, as <see cref="Pem"/>. A relative path is resolved against the host's content root (as
    /// Kestrel resolves a certificate path), or the current directory without a host.
    /// </summary>
    public string? PemFile { get; set; }

    /// <summary>When the key starts signing; <see langword="null"/> for always.</summary>
    public DateTimeOffset? ActivatesAt { get; set; }

    /// <summary>When the key stops signing and validating; <see langword="null"/> for never.</summary>
    public DateTimeOffset? RetiresAt { get; set; }

    internal bool SameAs(PatSigningKeyOptions other) =>
        KeyId == other.KeyId && Algorithm == other.Algorithm && Secret == other.Secret && Pem == other.Pem
        && PemFile == other.PemFile
        && ActivatesAt == other.ActivatesAt && RetiresAt == other.RetiresAt;
}
