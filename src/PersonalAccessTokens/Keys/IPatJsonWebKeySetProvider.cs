using Microsoft.IdentityModel.Tokens;

namespace PersonalAccessTokens;

/// <summary>Publishes the ring's public keys, so services without this library can validate tokens with any JWT stack.</summary>
public interface IPatJsonWebKeySetProvider
{
    /// <summary>
    /// The public half of every RSA and ECDSA key that is not retired, including keys not yet active, so validators
    /// learn a new key before it signs. Symmetric keys are never exported, and no private parameter ever is.
    /// </summary>
    JsonWebKeySet GetJsonWebKeySet();
}
