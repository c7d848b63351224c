namespace PersonalAccessTokens;

/// <summary>Issues personal access tokens.</summary>
public interface IPatIssuer
{
    /// <summary>
    /// Issues a token for <see cref="PatIssueRequest.Subject"/> with the requested scopes and lifetime.
    /// </summary>
    /// <param name="request">What to issue.</param>
    /// <param name="cancellationToken">Cancels a policy that decides asynchronously.</param>
    /// <returns>
    /// A result that holds the issued token, or an error that says why the request was refused.
    /// A bad request is a result, never an exception.
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="request"/> is <see langword="null"/>.</exception>
    ValueTask<PatIssueResult> IssueAsync(PatIssueRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Derives a weaker token from <paramref name="parent"/>: for the same user, with only scopes the parent grants
    /// (<see cref="PatIssueErrorCode.ScopeNotGranted"/> otherwise), ending no later than the parent (by default after
    /// <see cref="PersonalAccessTokenOptions.DefaultDerivedLifetime"/>), at most
    /// <see cref="PersonalAccessTokenOptions.MaxDerivationDepth"/> levels below an ordinary token
    /// (<see cref="PatIssueErrorCode.DerivationTooDeep"/>), and revoked whenever any of its ancestors is.
    /// </summary>
    /// <param name="parent">A token just validated, as <see cref="IPatValidator.ValidateAsync(string, CancellationToken)"/> or the ASP.NET Core feature gives it.</param>
    /// <param name="request">The scopes, lifetime and name of the derived token.</param>
    /// <param name="cancellationToken">Cancels a policy that decides asynchronously, and the record's write.</param>
    /// <returns>A result holding the derived token, or the error that refused it; never an exception for a bad request.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="parent"/> or <paramref name="request"/> is <see langword="null"/>.</exception>
    ValueTask<PatIssueResult> DeriveAsync(ValidatedPat parent, PatDeriveRequest request, CancellationToken cancellationToken = default);
}
