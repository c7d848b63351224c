namespace PersonalAccessTokens.AspNetCore;

/// <summary>
/// Splits an <c>Authorization</c> header into its scheme and credentials (RFC 9110 §11.4) in place: the token
/// stays inside the header's string, so a token the validator has seen is never copied into a new one.
/// </summary>
internal static class AuthorizationHeader
{
    public static bool TrySplit(string? value, out ReadOnlySpan<char> scheme, out ReadOnlyMemory<char> credentials)
    {
        var text = value.AsMemory().Trim([' ', '\t']);
        var space = text.Span.IndexOfAny(' ', '\t');
        scheme = space < 0 ? default : text.Span[..space];
        credentials = space < 0 ? default : text[(space + 1)..].TrimStart([' ', '\t']);
        return !scheme.IsEmpty && !credentials.IsEmpty;
    }
}
