using System.Text;

namespace PersonalAccessTokens;

/// <summary>RFC 7515 §4.1.9: a <c>typ</c> without a slash means <c>application/</c> + the value.</summary>
internal static class MediaType
{
    private const string Application = "application/";

    public static string WithoutApplicationPrefix(string type) =>
        type.StartsWith(Application, StringComparison.OrdinalIgnoreCase) ? type[Application.Length..] : type;

    public static ReadOnlySpan<byte> WithoutApplicationPrefix(ReadOnlySpan<byte> type) =>
        type.Length >= Application.Length && Ascii.EqualsIgnoreCase(type[..Application.Length], "application/"u8)
            ? type[Application.Length..]
            : type;
}
