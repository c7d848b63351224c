namespace PersonalAccessTokens.AspNetCore;

/// <summary>
/// The token that authenticated the request, set on <c>HttpContext.Features</c> by the handler, so endpoints
/// can read its id, scopes and expiry, or revoke it.
/// </summary>
public interface IPersonalAccessTokenFeature
{
    /// <summary>The validated token.</summary>
    ValidatedPat Pat { get; }
}

internal sealed class PersonalAccessTokenFeature(ValidatedPat pat) : IPersonalAccessTokenFeature
{
    public ValidatedPat Pat { get; } = pat;
}
