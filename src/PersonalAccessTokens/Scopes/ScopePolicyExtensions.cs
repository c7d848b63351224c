namespace PersonalAccessTokens;

internal static class ScopePolicyExtensions
{
    /// <summary>Whether every required scope is granted, directly or by implication.</summary>
    public static bool GrantsEvery(this IPatScopePolicy policy, IReadOnlySet<string> granted, IReadOnlyCollection<string> requiredScopes)
    {
        // Indexed loops over the common collection types, so the hot path allocates no enumerator.
        switch (requiredScopes)
        {
            case string[] array:
                foreach (var scope in array)
                {
                    if (!policy.IsGranted(granted, scope))
                    {
                        return false;
                    }
                }

                return true;
            case List<string> list:
                for (var i = 0; i < list.Count; i++)
                {
                    if (!policy.IsGranted(granted, list[i]))
                    {
                        return false;
                    }
                }

                return true;
            default:
                foreach (var scope in requiredScopes)
                {
                    if (!policy.IsGranted(granted, scope))
                    {
                        return false;
                    }
                }

                return true;
        }
    }
}
