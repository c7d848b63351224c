using System.Collections.Frozen;
using Microsoft.Extensions.Options;

namespace PersonalAccessTokens;

/// <summary>
/// The default <see cref="IPatScopePolicy"/>: only registered scopes may be issued, implications are transitive,
/// and a scope may cap the lifetime of any token that grants it.
/// </summary>
internal sealed class PatScopeCatalogPolicy : IPatScopePolicy
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

        _entries = scopes.ToFrozenDictionary(
            s => s.Name,
            s => new CatalogEntry(s.MaxLifetime, [.. impliedBy[s.Name]]),
            StringComparer.Ordinal);
    }

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
        _entries.TryGetValue(scope, out var entry) && entry.MaxLifetime is { } limit && (max is null || limit < max)
            ? limit
            : max;

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
