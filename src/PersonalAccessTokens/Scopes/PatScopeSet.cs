using System.Collections;

namespace PersonalAccessTokens;

/// <summary>
/// The scopes of one token: a few strings, so an array with ordinal linear search beats a hash set
/// in both time and allocation. Immutable, so a validated token can be shared across threads.
/// </summary>
internal sealed class PatScopeSet : IReadOnlySet<string>
{
    public static readonly PatScopeSet Empty = new([]);

    private readonly string[] _scopes;

    /// <param name="distinctScopes">Scopes without duplicates; the set takes ownership of the array.</param>
    public PatScopeSet(string[] distinctScopes) => _scopes = distinctScopes;

    public int Count => _scopes.Length;

    /// <summary>The scopes as an array, for callers that must not allocate an enumerator.</summary>
    public ReadOnlySpan<string> AsSpan() => _scopes;

    public bool Contains(string item)
    {
        foreach (var scope in _scopes)
        {
            if (string.Equals(scope, item, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    public IEnumerator<string> GetEnumerator() => ((IEnumerable<string>)_scopes).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public bool IsProperSubsetOf(IEnumerable<string> other) => ToHashSet().IsProperSubsetOf(other);

    public bool IsProperSupersetOf(IEnumerable<string> other) => ToHashSet().IsProperSupersetOf(other);

    public bool IsSubsetOf(IEnumerable<string> other) => ToHashSet().IsSubsetOf(other);

    public bool IsSupersetOf(IEnumerable<string> other) => ToHashSet().IsSupersetOf(other);

    public bool Overlaps(IEnumerable<string> other) => ToHashSet().Overlaps(other);

    public bool SetEquals(IEnumerable<string> other) => ToHashSet().SetEquals(other);

    private HashSet<string> ToHashSet() => new(_scopes, StringComparer.Ordinal);
}
