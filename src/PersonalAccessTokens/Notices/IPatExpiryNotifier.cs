namespace PersonalAccessTokens;

/// <summary>
/// Tells a user that a token is about to expire, e.g. by email. Register with the builder's <c>AddExpiryNotifier</c>;
/// each active token is notified once per window of <see cref="PersonalAccessTokenOptions.ExpiryNoticeWindows"/>.
/// </summary>
public interface IPatExpiryNotifier
{
    /// <summary>Sends one notice. A throw is logged; that notice is not retried.</summary>
    /// <param name="notice">The token and the window its expiry fell into.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    ValueTask NotifyAsync(PatExpiryNotice notice, CancellationToken cancellationToken);
}
