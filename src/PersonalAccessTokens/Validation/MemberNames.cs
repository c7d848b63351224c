using System.Text.Json;

namespace PersonalAccessTokens;

/// <summary>
/// Remembers the names of one JSON object's members that the reader does not know by name (known ones are
/// tracked by a bit each), to refuse duplicates. IdentityModel lets the last duplicate win,
/// so a token could show one <c>sub</c> to a strict parser and another to IdentityModel (RFC 8725 §3.8 confusion).
/// </summary>
internal ref struct MemberNames
{
    /// <summary>More members than any PAT needs; a larger object is refused rather than scanned quadratically.</summary>
    public const int MaxMembers = 64;

    private readonly Span<byte> _arena;
    private readonly Span<int> _ends;
    private int _count;

    /// <param name="arena">Room for the unescaped names: the decoded segment's length is always enough.</param>
    /// <param name="ends">Room for <see cref="MaxMembers"/> offsets.</param>
    public MemberNames(Span<byte> arena, Span<int> ends)
    {
        _arena = arena;
        _ends = ends;
    }

    /// <summary>Adds the property name the reader is on; false if it is a duplicate or one member too many.</summary>
    public bool TryAdd(in Utf8JsonReader reader)
    {
        if (_count == MaxMembers)
        {
            return false;
        }

        var start = _count == 0 ? 0 : _ends[_count - 1];
        var free = _arena[start..];
        int length;
        if (reader.ValueIsEscaped)
        {
            // Compare decoded names: "s\u0075b" is "sub".
            length = reader.CopyString(free);
        }
        else
        {
            reader.ValueSpan.CopyTo(free);
            length = reader.ValueSpan.Length;
        }

        var name = free[..length];
        var previousEnd = 0;
        for (var i = 0; i < _count; i++)
        {
            if (_arena[previousEnd.._ends[i]].SequenceEqual(name))
            {
                return false;
            }

            previousEnd = _ends[i];
        }

        _ends[_count++] = start + length;
        return true;
    }
}
