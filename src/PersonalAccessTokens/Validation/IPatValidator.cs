namespace PersonalAccessTokens;

/// <summary>
/// Validates personal access tokens statelessly, apart from the revocation check.
/// A bad token gives a failed result; the validator never throws for one and never logs or echoes its text.
/// </summary>
public interface IPatValidator
{
    /// <summary>Validates a token: its form, type, key, algorithm, signature, claims, lifetime and revocation.</summary>
    /// <param name="token">The token text as presented, including any configured prefix.</param>
    /// <param name="cancellationToken">Cancels a revocation store that answers asynchronously.</param>
    /// <returns>The validated token, or the first rule it broke.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="token"/> is <see langword="null"/>.</exception>
    ValueTask<PatValidationResult> ValidateAsync(string token, CancellationToken cancellationToken = default);

    /// <summary>
    /// Validates a token as <see cref="ValidateAsync(string, CancellationToken)"/> does, then requires every one of
    /// <paramref name="requiredScopes"/> to be granted, directly or by implication.
    /// </summary>
    /// <param name="token">The token text as presented, including any configured prefix.</param>
    /// <param name="requiredScopes">The scopes the caller needs; an empty collection requires none.</param>
    /// <param name="cancellationToken">Cancels a revocation store that answers asynchronously.</param>
    /// <returns>The validated token, or the first rule it broke (<see cref="PatValidationFailure.InsufficientScope"/> last).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="token"/> or <paramref name="requiredScopes"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">An entry of <paramref name="requiredScopes"/> is null or not a scope-token, whatever the token.</exception>
    ValueTask<PatValidationResult> ValidateAsync(string token, IReadOnlyCollection<string> requiredScopes, CancellationToken cancellationToken = default);

    /// <summary>
    /// Validates a token that lies inside a larger text, such as an <c>Authorization</c> header, as
    /// <see cref="ValidateAsync(string, IReadOnlyCollection{string}, CancellationToken)"/> does. A token the validator
    /// has recently seen verify is found where it lies, so presenting it again copies no token text into a new string.
    /// </summary>
    /// <param name="token">The token's characters, including any configured prefix.</param>
    /// <param name="requiredScopes">The scopes the caller needs; an empty collection requires none.</param>
    /// <param name="cancellationToken">Cancels a revocation store that answers asynchronously.</param>
    /// <returns>The validated token, or the first rule it broke (<see cref="PatValidationFailure.InsufficientScope"/> last).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="requiredScopes"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">An entry of <paramref name="requiredScopes"/> is null or not a scope-token, whatever the token.</exception>
    /// <remarks>The default implementation copies the characters into a string and calls the string overload.</remarks>
    ValueTask<PatValidationResult> ValidateAsync(ReadOnlyMemory<char> token, IReadOnlyCollection<string> requiredScopes, CancellationToken cancellationToken = default) =>
        ValidateAsync(token.ToString(), requiredScopes, cancellationToken);
}
