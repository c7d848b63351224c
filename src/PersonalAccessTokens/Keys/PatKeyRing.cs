using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace PersonalAccessTokens;

/// <summary>
/// Indexes the provider's keys by <c>kid</c> so validation looks a key up once and never tries every key.
/// The index is rebuilt only when the provider returns a different list instance.
/// </summary>
internal sealed class PatKeyRing(IPatSigningKeyProvider provider)
{
    private volatile Snapshot? _snapshot;

    /// <summary>The current index. Reading it is one reference comparison unless the keys changed.</summary>
    public Snapshot Current
    {
        get
        {
            var keys = provider.GetSigningKeys();
            var snapshot = _snapshot;
            if (snapshot is not null && ReferenceEquals(snapshot.Source, keys))
            {
                return snapshot;
            }

            // Two threads may both rebuild after a rotation; both results are equivalent, and the last one wins.
            snapshot = new Snapshot(keys);
            _snapshot = snapshot;
            return snapshot;
        }
    }

    internal sealed class Snapshot
    {
        private readonly Dictionary<string, Entry> _byKeyId;
        private readonly Dictionary<string, Entry>.AlternateLookup<ReadOnlySpan<char>> _byKeyIdSpan;

        public Snapshot(IReadOnlyList<PatSigningKey> keys)
        {
            Source = keys;
            _byKeyId = new Dictionary<string, Entry>(keys.Count, StringComparer.Ordinal);
            foreach (var key in keys)
            {
                if (!_byKeyId.TryAdd(key.KeyId, new Entry(key)))
                {
                    throw new InvalidOperationException($"The signing key provider returned the key id '{key.KeyId}' twice; key ids must be unique.");
                }
            }

            _byKeyIdSpan = _byKeyId.GetAlternateLookup<ReadOnlySpan<char>>();

            // Newest activation first, so the signer is the first active key that can sign.
            Signers = [.. _byKeyId.Values.Where(e => e.Key.CanSign).OrderByDescending(e => e.Key.ActivatesAt ?? DateTimeOffset.MinValue)];
        }

        public IReadOnlyList<PatSigningKey> Source { get; }

        public Entry[] Signers { get; }

        public Entry? SignerAt(DateTimeOffset now) => Array.Find(Signers, e => e.Key.IsActiveAt(now));

        /// <summary>The key that validates tokens with this <c>kid</c> at <paramref name="now"/>, or <see langword="null"/>.</summary>
        public Entry? ValidatorFor(ReadOnlySpan<char> keyId, DateTimeOffset now, TimeSpan clockSkew)
        {
            return _byKeyIdSpan.TryGetValue(keyId, out var entry) && entry.ValidatesAt(now, clockSkew) ? entry : null;
        }

        public IEnumerable<PatSigningKey> ValidatingAt(DateTimeOffset now) => Source.Where(k => !k.IsRetiredAt(now));
    }

    internal sealed class Entry(PatSigningKey key)
    {
        public PatSigningKey Key { get; } = key;

        public SignatureVerifier Verifier { get; } = SignatureVerifier.Create(key);

        /// <summary>Made once per key, so issuing reuses IdentityModel's cached signature provider.</summary>
        public SigningCredentials SigningCredentials { get; } = new(key.Key, key.Algorithm);

        /// <summary>The algorithm as UTF-8, compared against the <c>alg</c> header without decoding it to a string.</summary>
        public byte[] AlgorithmUtf8 { get; } = Encoding.UTF8.GetBytes(key.Algorithm);

        /// <summary>
        /// Whether the key validates at <paramref name="now"/>: not retired, and active, or activating within the
        /// skew, since a node whose clock leads by that much may already sign with it.
        /// </summary>
        public bool ValidatesAt(DateTimeOffset now, TimeSpan clockSkew) =>
            !Key.IsRetiredAt(now) && (Key.ActivatesAt is not { } from || from <= now + clockSkew);
    }
}
