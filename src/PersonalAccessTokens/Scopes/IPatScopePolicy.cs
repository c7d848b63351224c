namespace PersonalAccessTokens;

/// <summary>
/// Decides which scopes may be issued and answers, at validation, what a granted scope covers.
/// The default policy is a catalog of registered scopes with implications and optional maximum lifetimes.
/// </summary>
/// <remarks>
/// <see cref="GetMaxLifetime"/> and <see cref="IsGranted"/> run on every validation: keep them synchronous,
/// allocation-free and thread-safe.
/// </remarks>
public interface IPatScopePolicy
{
    /// <summary>Decides whether a token may be issued. Called after the issuer checked scope syntax and lifetime limits.</summary>
    /// <param name="context">The request, its normalised scopes and the lifetime the token would get.</param>
    /// <param name="cancellationToken">Cancels a policy that looks something up.</param>
    /// <returns><see langword="null"/> to allow the token, or the error that refuses it.</returns>
    ValueTask<PatIssueError?> CheckIssueAsync(PatIssueContext context, CancellationToken cancellationToken = default);

    /// <summary>
    /// The longest lifetime a token granting all of <paramref name="scopes"/> may have, or <see langword="null"/> for no
    /// scope limit. The catalog policy applies the cap of every implied scope too.
    /// </summary>
    /// <param name="scopes">The scopes the token grants directly.</param>
    /// <remarks>Checked at validation too, so tightening a limit also blocks tokens already issued.</remarks>
    TimeSpan? GetMaxLifetime(IReadOnlyCollection<string> scopes);

    /// <summary>Whether <paramref name="grantedScopes"/> cover <paramref name="requiredScope"/>, directly or by implication.</summary>
    /// <param name="grantedScopes">The scopes a token grants directly.</param>
    /// <param name="requiredScope">The scope a caller needs.</param>
    bool IsGranted(IReadOnlySet<string> grantedScopes, string requiredScope);
}
