using System.Buffers;

namespace PersonalAccessTokens;

/// <summary>RFC 6749 §3.3: <c>scope-token = 1*( %x21 / %x23-5B / %x5D-7E )</c>, joined by single spaces.</summary>
internal static class ScopeSyntax
{
    // Printable ASCII without space, double quote and backslash.
    private static readonly SearchValues<char> TokenChars = SearchValues.Create(
        "!#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz{|}~");

    private static readonly SearchValues<byte> TokenBytes = SearchValues.Create(
        "!#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz{|}~"u8);

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
