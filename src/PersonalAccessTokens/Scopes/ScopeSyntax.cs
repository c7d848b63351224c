using System.Buffers;
using System.Text;

namespace PersonalAccessTokens;

/// <summary>RFC 6749 §3.3: <c>scope-token = 1*( %x21 / %x23-5B / %x5D-7E )</c>, joined by single spaces.</summary>
internal static class ScopeSyntax
{
    // Printable ASCII without space, double quote and backslash.
    private const string TokenCharacters = "!#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz{|}~";

    private static readonly SearchValues<char> TokenChars = SearchValues.Create(TokenCharacters);

    private static readonly SearchValues<byte> TokenBytes = SearchValues.Create(Encoding.ASCII.GetBytes(TokenCharacters));

    public static bool IsScopeToken(ReadOnlySpan<char> value) =>
        !value.IsEmpty && !value.ContainsAnyExcept(TokenChars);

    /// <summary>Throws unless every entry is a scope-token; indexed for arrays and lists, so the hot path allocates nothing.</summary>
    /// <exception cref="ArgumentException">An entry is null or not a scope-token.</exception>
    public static void ThrowIfAnyIsNotScopeToken(IReadOnlyCollection<string> scopes, string paramName)
    {
        if (scopes is IReadOnlyList<string> list)
        {
            for (var i = 0; i < list.Count; i++)
            {
                ThrowIfNotScopeToken(list[i], paramName);
            }

            return;
        }

        foreach (var scope in scopes)
        {
            ThrowIfNotScopeToken(scope, paramName);
        }
    }

    private static void ThrowIfNotScopeToken(string? scope, string paramName)
    {
        if (scope is null || !IsScopeToken(scope))
        {
            throw new ArgumentException(
                $"Each required scope must be an RFC 6749 scope-token (non-empty printable ASCII without spaces, quotes or backslashes); got {(scope is null ? "null" : $"'{scope}'")}.",
                paramName);
        }
    }

    /// <summary>Whether <paramref name="value"/> is one or more scope-tokens separated by single spaces.</summary>
    public static bool IsScopeList(ReadOnlySpan<byte> value)
    {
        if (value.IsEmpty)
        {
            return false;
        }

        foreach (var range in value.Split((byte)' '))
        {
            var token = value[range];
            if (token.IsEmpty || token.ContainsAnyExcept(TokenBytes))
            {
                return false;
            }
        }

        return true;
    }
}
