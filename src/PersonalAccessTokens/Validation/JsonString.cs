using System.Text;
using System.Text.Json;

namespace PersonalAccessTokens;

/// <summary>
/// Where a JSON string value sits in a decoded segment. Unescaped values (nearly all) are compared and decoded
/// straight from the segment bytes, so a token that fails before the end allocates no strings.
/// </summary>
internal readonly struct JsonString
{
    private readonly int _start;
    private readonly int _length;
    private readonly string? _unescaped;

    private JsonString(int start, int length, string? unescaped)
    {
        _start = start;
        _length = length;
        _unescaped = unescaped;
        IsPresent = true;
    }

    public bool IsPresent { get; }

    /// <summary>Records the string the reader is on. An escaped value is decoded now; invalid escapes throw <see cref="InvalidOperationException"/>.</summary>
    public static JsonString From(ref Utf8JsonReader reader) =>
        reader.ValueIsEscaped
            ? new JsonString(0, 0, reader.GetString())
            : new JsonString((int)reader.TokenStartIndex + 1, reader.ValueSpan.Length, null);

    public bool IsEmpty => _unescaped is null ? _length == 0 : _unescaped.Length == 0;

    /// <summary>The raw UTF-8 of an unescaped value; empty for an escaped one, whose text is in <see cref="ToString(ReadOnlySpan{byte})"/>.</summary>
    public ReadOnlySpan<byte> Utf8(ReadOnlySpan<byte> segment) => _unescaped is null ? segment.Slice(_start, _length) : default;

    public bool IsEscaped => _unescaped is not null;

    // Escaped values are rare; encoding them here keeps the common path free of allocations.
    public bool ValueEquals(ReadOnlySpan<byte> segment, ReadOnlySpan<byte> expectedUtf8) =>
        _unescaped is null
            ? segment.Slice(_start, _length).SequenceEqual(expectedUtf8)
            : Encoding.UTF8.GetBytes(_unescaped).AsSpan().SequenceEqual(expectedUtf8);

    public string ToString(ReadOnlySpan<byte> segment) => _unescaped ?? Encoding.UTF8.GetString(segment.Slice(_start, _length));
}
