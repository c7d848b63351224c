using System.Text;

namespace PersonalAccessTokens.AspNetCore;

/// <summary>Writes RFC 6750 §3 <c>WWW-Authenticate: Bearer</c> values.</summary>
internal static class BearerChallenge
{
    public const string InvalidToken = "invalid_token";
    public const string InsufficientScope = "insufficient_scope";

    public static string Format(string? realm, string? error, string? description, string? scope)
    {
        var value = new StringBuilder("Bearer");
        var separator = " ";
        foreach (var (name, text) in (ReadOnlySpan<(string, string?)>)[("realm", realm), ("error", error), ("error_description", description), ("scope", scope)])
        {
            if (!string.IsNullOrEmpty(text))
            {
                value.Append(separator).Append(name).Append("=\"").Append(Quote(text)).Append('"');
                separator = ", ";
            }
        }

        return value.ToString();
    }

    // RFC 7230 quoted-string: escape backslash and quote, and drop characters a header cannot carry.
    private static string Quote(string text)
    {
        var quoted = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is '"' or '\\')
            {
                quoted.Append('\\');
            }

            if (c >= ' ' && c < 0x7f)
            {
                quoted.Append(c);
            }
        }

        return quoted.ToString();
    }
}
