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

        for (var i = 0; i < id.Length; i++)
        {
            var c = id[i];
            if (char.IsControl(c))
            {
                return false;
            }

            if (char.IsHighSurrogate(c) && i + 1 < id.Length && char.IsLowSurrogate(id[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return false;
            }
        }

        return true;
    }
}
