namespace PersonalAccessTokens;

/// <summary>Which ids can be ours, checked before any store sees one.</summary>
public static class PatRecordIds
{
    /// <summary>The longest id a store keeps, and the longest subject the issuer accepts.</summary>
    public const int MaxLength = 256;

    /// <summary>
    /// Whether <paramref name="id"/> could name a token: 1 to <see cref="MaxLength"/> characters, no control characters,
    /// no lone surrogates. Anything else is answered "not found" without a query; PostgreSQL, for one, refuses NUL in text.
    /// </summary>
    /// <param name="id">A token id or subject from outside.</param>
    public static bool IsWellFormed(string? id)
    {
        if (string.IsNullOrEmpty(id) || id.Length > MaxLength)
        {
            return false;
        }

        return !HasControlCharacter(id) && !HasLoneSurrogate(id);
    }

    /// <summary>Whether <paramref name="text"/> holds a C0 or C1 control character or DEL.</summary>
    internal static bool HasControlCharacter(string text) =>
        text.AsSpan().ContainsAnyInRange('\0', '\x1f') || text.AsSpan().ContainsAnyInRange('\x7f', '\x9f');

    /// <summary>Whether <paramref name="text"/> holds a surrogate without its pair: text with no UTF-8 form.</summary>
    internal static bool HasLoneSurrogate(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return true;
            }
        }

        return false;
    }
}
