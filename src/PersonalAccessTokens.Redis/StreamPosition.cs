using System.Globalization;

namespace PersonalAccessTokens.Redis;

/// <summary>A Redis stream entry id, <c>milliseconds-sequence</c>, compared as the pair of numbers it is.</summary>
internal readonly record struct StreamPosition(long Milliseconds, long Sequence) : IComparable<StreamPosition>
{
    /// <summary>Before every entry: a node at this position has read nothing of the log.</summary>
    public static readonly StreamPosition Start = new(0, 0);

    public static bool TryParse(string? id, out StreamPosition position)
    {
        position = Start;
        var dash = id?.IndexOf('-') ?? -1;
        if (dash <= 0
            || !long.TryParse(id.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out var milliseconds)
            || !long.TryParse(id.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
        {
            return false;
        }

        position = new StreamPosition(milliseconds, sequence);
        return true;
    }

    public int CompareTo(StreamPosition other) =>
        Milliseconds != other.Milliseconds ? Milliseconds.CompareTo(other.Milliseconds) : Sequence.CompareTo(other.Sequence);

    public static bool operator <(StreamPosition left, StreamPosition right) => left.CompareTo(right) < 0;

    public static bool operator >(StreamPosition left, StreamPosition right) => left.CompareTo(right) > 0;

    public static bool operator <=(StreamPosition left, StreamPosition right) => left.CompareTo(right) <= 0;

    public static bool operator >=(StreamPosition left, StreamPosition right) => left.CompareTo(right) >= 0;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Milliseconds}-{Sequence}");
}
