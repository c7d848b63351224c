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
