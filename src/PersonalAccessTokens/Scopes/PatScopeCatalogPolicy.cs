using System.Collections.Frozen;
using Microsoft.Extensions.Options;

namespace PersonalAccessTokens;

/// <summary>
/// The default <see cref="IPatScopePolicy"/>: only registered scopes may be issued, implications are transitive,
/// and a scope may cap the lifetime of any token that grants it.
/// </summary>
internal sealed class PatScopeCatalogPolicy : IPatScopePolicy, IPatScopeCatalog
{
    private readonly FrozenDictionary<string, CatalogEntry> _entries;

    public PatScopeCatalogPolicy(IOptions<PersonalAccessTokenOptions> options)
    {
        var scopes = PatScopeCatalog.Distinct(options.Value.Scopes);
        var implies = scopes.ToDictionary(s => s.Name, s => s.Implies.ToArray(), StringComparer.Ordinal);

        // For each scope, every scope that implies it, directly or through a chain. Precomputed so that
        // IsGranted is a handful of array lookups on the hot path.
        var impliedBy = scopes.ToDictionary(s => s.Name, _ => new HashSet<string>(StringComparer.Ordinal), StringComparer.Ordinal);
        foreach (var scope in scopes)
        {
            foreach (var implied in Closure(scope.Name, implies))
            {
                if (impliedBy.TryGetValue(implied, out var set))
                {
                    set.Add(scope.Name);
                }
            }
        }

        // A scope's cap holds for every scope that implies it: otherwise 'owner', implying 'admin:org' capped at
        // 7 days, would carry admin:org's power for a year. So each entry's cap is the tightest of its closure.
        var ownCap = scopes.ToDictionary(s => s.Name, s => s.MaxLifetime, StringComparer.Ordinal);
        _entries = scopes.ToFrozenDictionary(
            s => s.Name,
            s => new CatalogEntry(
                Closure(s.Name, implies).Aggregate(s.MaxLifetime, (cap, implied) => Tighter(cap, ownCap.GetValueOrDefault(implied))),
                [.. impliedBy[s.Name]]),
            StringComparer.Ordinal);
    }

    /// <summary>How many scopes the catalog holds: no token can need more.</summary>
    internal int Count => _entries.Count;

    public bool IsRegistered(string scope) => _entries.ContainsKey(scope);

    public ValueTask<PatIssueError?> CheckIssueAsync(PatIssueContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var scope in context.Scopes)
        {
            if (!_entries.ContainsKey(scope))
            {
                return ValueTask.FromResult<PatIssueError?>(
                    new PatIssueError(PatIssueErrorCode.UnknownScope, $"The scope '{scope}' is not registered."));
            }
        }

        return ValueTask.FromResult<PatIssueError?>(null);
    }

    public TimeSpan? GetMaxLifetime(IReadOnlyCollection<string> scopes)
    {
        ArgumentNullException.ThrowIfNull(scopes);
        TimeSpan? max = null;
        if (scopes is PatScopeSet set)
        {
            // The validator's own set: iterate the span, so the hot path allocates no enumerator.
            foreach (var scope in set.AsSpan())
            {
                max = Tighter(max, scope);
            }
        }
        else
        {
            foreach (var scope in scopes)
            {
                max = Tighter(max, scope);
            }
        }

        return max;
    }

    public bool IsGranted(IReadOnlySet<string> grantedScopes, string requiredScope)
    {
        ArgumentNullException.ThrowIfNull(grantedScopes);
        ArgumentNullException.ThrowIfNull(requiredScope);
        if (grantedScopes.Contains(requiredScope))
        {
            return true;
        }

        if (_entries.TryGetValue(requiredScope, out var entry))
        {
            foreach (var implier in entry.ImpliedBy)
            {
                if (grantedScopes.Contains(implier))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private TimeSpan? Tighter(TimeSpan? max, string scope) =>
        _entries.TryGetValue(scope, out var entry) ? Tighter(max, entry.MaxLifetime) : max;

    private static TimeSpan? Tighter(TimeSpan? a, TimeSpan? b) => a is null ? b : b is null ? a : a < b ? a : b;

    private static HashSet<string> Closure(string start, Dictionary<string, string[]> implies)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>();
        pending.Push(start);
        while (pending.TryPop(out var current))
        {
            if (!implies.TryGetValue(current, out var next))
            {
                continue;
            }

            foreach (var implied in next)
            {
                // A cycle (a implies b implies a) is harmless: each scope is visited once.
                if (seen.Add(implied))
                {
                    pending.Push(implied);
                }
            }
        }

        seen.Remove(start);
        return seen;
    }

    private sealed record CatalogEntry(TimeSpan? MaxLifetime, string[] ImpliedBy);
}
