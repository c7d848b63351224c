namespace PersonalAccessTokens;

/// <summary>
/// A scope policy that knows every scope a token can hold, so a required scope can be checked for typos: at
/// start-up against each endpoint's requirements, and in the message of an <see cref="PatValidationFailure.InsufficientScope"/>
/// failure. The default catalog policy implements it; a custom <see cref="IPatScopePolicy"/> may.
/// </summary>
public interface IPatScopeCatalog
{
    /// <summary>Whether <paramref name="scope"/> is registered, so some token can grant it.</summary>
    /// <param name="scope">The scope name, compared case-sensitively.</param>
    bool IsRegistered(string scope);
}
