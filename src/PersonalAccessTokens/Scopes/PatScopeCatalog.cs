namespace PersonalAccessTokens;

/// <summary>Rules about the list of registered scopes, shared by the catalog policy and options validation.</summary>
internal static class PatScopeCatalog
{
    /// <summary>
    /// The scopes with identical repeats removed. Registration can repeat a scope (configuration bound twice,
    /// AddScope called from two modules); that is harmless as long as the definitions agree.
    /// </summary>
    public static List<PatScopeOptions> Distinct(IEnumerable<PatScopeOptions> scopes)
    {
        var distinct = new List<PatScopeOptions>();
        foreach (var scope in scopes)
        {
            if (!distinct.Exists(s => s.SameAs(scope)))
            {
                distinct.Add(scope);
            }
        }

        return distinct;
    }

    /// <summary>Every problem with the catalog, for options validation.</summary>
    public static IEnumerable<string> Problems(IList<PatScopeOptions> scopes)
    {
        var distinct = Distinct(scopes);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var scope in distinct)
        {
            if (!ScopeSyntax.IsScopeToken(scope.Name))
            {
                yield return $"The scope name '{scope.Name}' is not an RFC 6749 scope-token: it must be non-empty printable ASCII without spaces, quotes or backslashes.";
            }
            else if (!names.Add(scope.Name))
            {
                yield return $"The scope '{scope.Name}' is registered twice with different definitions.";
            }

            if (scope.MaxLifetime is { } max && max <= TimeSpan.Zero)
            {
                yield return $"The scope '{scope.Name}' has a MaxLifetime of {max}; it must be positive.";
            }
        }

        foreach (var scope in distinct)
        {
            foreach (var implied in scope.Implies)
            {
                if (!names.Contains(implied))
                {
                    yield return $"The scope '{scope.Name}' implies '{implied}', which is not registered.";
                }
            }
        }
    }
}
