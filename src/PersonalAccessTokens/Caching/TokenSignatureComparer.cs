using System.Runtime.InteropServices;

namespace PersonalAccessTokens;

/// <summary>
/// Compares cached tokens in full but hashes only the last 16 characters, which are signature: as good as random
/// to anyone without the key. Hashing the whole token cost a nanosecond per eight characters on every warm hit, so
/// a longer token (a derived one, with its ancestors) paid for its length. Only tokens that verified are ever
/// added, so nobody can choose tails to flood a bucket.
/// </summary>
internal sealed class TokenSignatureComparer : IEqualityComparer<string>, IAlternateEqualityComparer<ReadOnlySpan<char>, string>
{
    public static readonly TokenSignatureComparer Instance = new();

    private const int TailLength = 16;

    public bool Equals(string? x, string? y) => string.Equals(x, y, StringComparison.Ordinal);

    public int GetHashCode(string token) => GetHashCode(token.AsSpan());

    // A token still inside the text it came in (an Authorization header) is looked up without copying it out.
    public bool Equals(ReadOnlySpan<char> alternate, string other) => alternate.SequenceEqual(other);

    public int GetHashCode(ReadOnlySpan<char> token)
    {
        if (token.Length < TailLength)
        {
            return string.GetHashCode(token, StringComparison.Ordinal);
        }

        var tail = MemoryMarshal.Cast<char, ulong>(token[^TailLength..]);
        return HashCode.Combine(tail[0], tail[1], tail[2], tail[3]);
    }

    public string Create(ReadOnlySpan<char> alternate) => alternate.ToString();
}
