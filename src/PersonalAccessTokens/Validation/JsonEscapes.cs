using System.Buffers.Text;
using System.Text.Json;

namespace PersonalAccessTokens;

/// <summary>
/// Refuses JSON strings whose <c>\u</c> escapes leave a surrogate unpaired. Such a string has no UTF-8 form:
/// one parser fails on it, another substitutes U+FFFD, so two stacks would read different claims from one token.
/// Checked on every escaped string and member name, known or not, without decoding and without exceptions.
/// </summary>
internal static class JsonEscapes
{
    /// <summary>Whether the string or member name the reader is on is free of lone surrogate escapes.</summary>
    public static bool IsWellFormed(ref Utf8JsonReader reader) =>
        reader.TokenType is not (JsonTokenType.String or JsonTokenType.PropertyName)
        || !reader.ValueIsEscaped
        || !HasLoneSurrogate(reader.ValueSpan); // Readers here work on one span, never a sequence.

    /// <summary>Skips the value the reader is on, nested or not; false if any string or name in it is not well formed.</summary>
    public static bool TrySkip(ref Utf8JsonReader reader)
    {
        if (reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray))
        {
            return IsWellFormed(ref reader);
        }

        var depth = reader.CurrentDepth;
        while (reader.Read() && reader.CurrentDepth > depth)
        {
            if (!IsWellFormed(ref reader))
            {
                return false;
            }
        }

        return true;
    }

    /// <param name="raw">The escaped text between the quotes, whose escapes the reader has already checked for syntax.</param>
    private static bool HasLoneSurrogate(ReadOnlySpan<byte> raw)
    {
        var awaitingLow = false;
        for (var i = 0; i < raw.Length; i++)
        {
            if (raw[i] != (byte)'\\')
            {
                if (awaitingLow)
                {
                    return true;
                }

                continue;
            }

            if (raw[i + 1] != (byte)'u')
            {
                if (awaitingLow)
                {
                    return true;
                }

                i++; // A one-character escape such as \" or \\.
                continue;
            }

            if (!Utf8Parser.TryParse(raw.Slice(i + 2, 4), out ushort unit, out _, 'X'))
            {
                return true; // The reader has checked the four hex digits; refuse rather than guess if it ever did not.
            }

            i += 5;
            if (awaitingLow)
            {
                if (!char.IsLowSurrogate((char)unit))
                {
                    return true;
                }

                awaitingLow = false;
            }
            else if (char.IsHighSurrogate((char)unit))
            {
                awaitingLow = true;
            }
            else if (char.IsLowSurrogate((char)unit))
            {
                return true;
            }
        }

        return awaitingLow;
    }
}
