using System.Text.Json;

namespace PersonalAccessTokens;

internal static class JsonLimits
{
    /// <summary>
    /// A PAT's deepest value is the <c>aud</c> array, at depth 2. A small limit stops an attacker making the
    /// parser walk deeply nested input; comments and trailing commas are not JSON (RFC 8259) and are refused.
    /// </summary>
    public static readonly JsonReaderOptions ReaderOptions = new()
    {
        MaxDepth = 4,
        CommentHandling = JsonCommentHandling.Disallow,
        AllowTrailingCommas = false,
    };
}
