namespace PersonalAccessTokens;

/// <summary>
/// An immutable list of revocations, built once by a full load or a compaction and then only read, so lookups need
/// no lock. Values are Unix seconds: a token's <c>exp</c>, a subject's revoke-all instant.
/// </summary>
internal sealed class RevocationSet
{
    public static readonly RevocationSet Empty = new Builder().Build();

    private RevocationSet(Dictionary<TokenKey, long> tokens, Dictionary<string, long> otherTokens, Dictionary<string, long> subjects)
    {
        Tokens = tokens;
        OtherTokens = otherTokens;
        Subjects = subjects;
    }

    /// <summary>Tokens whose id is of our own format, by its 16 bytes.</summary>
    public IReadOnlyDictionary<TokenKey, long> Tokens { get; }

    /// <summary>Tokens with any other id (another issuer's, or a test's).</summary>
    public IReadOnlyDictionary<string, long> OtherTokens { get; }

    public IReadOnlyDictionary<string, long> Subjects { get; }

    public int Count => Tokens.Count + OtherTokens.Count + Subjects.Count;

    /// <summary>Collects entries; a repeated id or subject keeps the later instant, as Redis's <c>ZADD GT</c> does.</summary>
    public sealed class Builder(int capacity = 0)
    {
        private readonly Dictionary<TokenKey, long> _tokens = new(capacity);
        private readonly Dictionary<string, long> _otherTokens = new(StringComparer.Ordinal);
        private readonly Dictionary<string, long> _subjects = new(StringComparer.Ordinal);

        public void AddToken(string id, long expiresAt)
        {
            if (TokenKey.TryParse(id, out var key))
            {
                Keep(_tokens, key, expiresAt);
            }
            else
            {
                Keep(_otherTokens, id, expiresAt);
            }
        }

        public void AddToken(TokenKey key, long expiresAt) => Keep(_tokens, key, expiresAt);

        public void AddOtherToken(string id, long expiresAt) => Keep(_otherTokens, id, expiresAt);

        public void AddSubject(string subject, long issuedAtOrBefore) => Keep(_subjects, subject, issuedAtOrBefore);

        // TrimExcess: a load of a million entries must not keep a doubled table's slack for good.
        public RevocationSet Build()
        {
            _tokens.TrimExcess();
            return new RevocationSet(_tokens, _otherTokens, _subjects);
        }

        private static void Keep<TKey>(Dictionary<TKey, long> map, TKey key, long value)
            where TKey : notnull
        {
            if (!map.TryGetValue(key, out var existing) || value > existing)
            {
                map[key] = value;
            }
        }
    }
}
