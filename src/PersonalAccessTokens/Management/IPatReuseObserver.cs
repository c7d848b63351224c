namespace PersonalAccessTokens;

/// <summary>
/// Hears of reuse detection: a token rotated away was used again, so someone else holds a copy, and its whole
/// family was revoked. Register with the builder's <c>AddReuseObserver</c>, e.g. to email the user.
/// </summary>
public interface IPatReuseObserver
{
    /// <summary>Called once the family's records are marked and its tokens revoked. A throw is logged and ignored.</summary>
    /// <param name="reusedToken">The record of the token that was presented after it had been rotated away.</param>
    /// <param name="family">Every record of the family, as it is now.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    ValueTask OnReuseDetectedAsync(PatRecord reusedToken, IReadOnlyList<PatRecord> family, CancellationToken cancellationToken);
}
