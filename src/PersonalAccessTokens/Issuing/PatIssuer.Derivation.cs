namespace PersonalAccessTokens;

/// <summary>
/// Derivation: a token makes a weaker one on the spot. The rules here bound the child by its parent (subject,
/// scopes, expiry, depth); the ordinary issue path then holds it to today's catalog and lifetime rules as well.
/// </summary>
internal sealed partial class PatIssuer
{
    public ValueTask<PatIssueResult> DeriveAsync(ValidatedPat parent, PatDeriveRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(parent);
        ArgumentNullException.ThrowIfNull(request);
        var now = _timeProvider.GetUtcNow();

        // Bounded by depth, so the ancestor claim, and the lookups each validation makes for it, stay short.
        if (parent.AncestorIds.Count >= _options.MaxDerivationDepth)
        {
            return ValueTask.FromResult(Refuse(parent.Subject, PatIssueErrorCode.DerivationTooDeep, _options.MaxDerivationDepth == 0
                ? "Derived tokens are turned off here (MaxDerivationDepth is 0)."
                : $"The token {parent.Id} is already {parent.AncestorIds.Count} level(s) below an ordinary token; at most {_options.MaxDerivationDepth} are allowed."));
        }

        if (parent.ExpiresAt <= now)
        {
            return ValueTask.FromResult(Refuse(parent.Subject, PatIssueErrorCode.TokenNotActive, $"The token {parent.Id} has expired; it can derive nothing."));
        }

        if (request.Scopes is null)
        {
            return ValueTask.FromResult(Refuse(parent.Subject, PatIssueErrorCode.InvalidScope, "Scopes must not be null; use an empty collection for a token without scopes."));
        }

        // A child holds no more than its parent: each scope granted by it, directly or by implication. Counted first,
        // as at issue, so a huge request costs nothing; syntax is checked before HasScope sees a scope.
        var maxScopes = (_scopePolicy as PatScopeCatalogPolicy)?.Count ?? _options.MaxTokenLength / 2;
        if (request.Scopes.Count > maxScopes)
        {
            return ValueTask.FromResult(Refuse(parent.Subject, PatIssueErrorCode.InvalidScope, $"{request.Scopes.Count} scopes were requested; a token can hold at most {maxScopes}."));
        }

        foreach (var scope in request.Scopes)
        {
            if (scope is not null && ScopeSyntax.IsScopeToken(scope) && !parent.HasScope(scope))
            {
                return ValueTask.FromResult(Refuse(parent.Subject, PatIssueErrorCode.ScopeNotGranted, $"The scope '{scope}' is not granted by the token {parent.Id}, so a token derived from it cannot hold it."));
            }
        }

        // Never past the parent: a child that outlived its parent would outlive the parent's revocation too.
        var remaining = parent.ExpiresAt - WholeSeconds(now);
        if (request.Lifetime is { } asked && asked > remaining)
        {
            return ValueTask.FromResult(Refuse(parent.Subject, PatIssueErrorCode.LifetimeTooLong, $"The lifetime is {asked}; a derived token ends no later than its parent, which expires at {parent.ExpiresAt:O} ({remaining} from now)."));
        }

        var issue = new PatIssueRequest
        {
            Subject = parent.Subject,
            Name = request.Name,
            Scopes = request.Scopes,
            Lifetime = request.Lifetime ?? (_options.DefaultDerivedLifetime < remaining ? _options.DefaultDerivedLifetime : remaining),
        };
        return IssueAsync(issue, rotating: null, keepExpiry: false, new PatDerivation(parent), cancellationToken);
    }
}
