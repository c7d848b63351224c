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
}
