using System.Text.Json.Serialization;

namespace PersonalAccessTokens;

/// <summary>The rule a token broke. The validator checks cheap rules first and reports the first one broken.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PatValidationFailure>))]
public enum PatValidationFailure
{
    /// <summary>The token is valid.</summary>
    None,

    /// <summary>Too long, not three base64url segments, bad JSON, a duplicate member, a <c>crit</c> header, or a claim of the wrong form.</summary>
    Malformed,

    /// <summary>A prefix is configured and the token does not start with it.</summary>
    InvalidPrefix,

    /// <summary>The <c>typ</c> header is missing or is not the configured token type.</summary>
    InvalidType,

    /// <summary>The <c>alg</c> header is missing, <c>none</c>, or not the algorithm of the key that <c>kid</c> names.</summary>
    InvalidAlgorithm,

    /// <summary>The <c>kid</c> header is missing, or names a key that is unknown, not yet active or retired.</summary>
    UnknownKey,

    /// <summary>The signature is empty, of the wrong length, or does not verify.</summary>
    InvalidSignature,

    /// <summary>The <c>iss</c> claim is missing or is not the configured issuer.</summary>
    InvalidIssuer,

    /// <summary>The <c>aud</c> claim is missing or does not hold the configured audience.</summary>
    InvalidAudience,

    /// <summary>The token expired (allowing for clock skew).</summary>
    Expired,

    /// <summary>The token's <c>nbf</c> or <c>iat</c> is in the future (allowing for clock skew).</summary>
    NotYetValid,

    /// <summary>The token lives longer than the maximum lifetime now allowed for it or for one of its scopes.</summary>
    LifetimeExceeded,

    /// <summary>The token, or every token of its subject issued until then, was revoked.</summary>
    Revoked,

    /// <summary>The revocation store could not answer, so the token is refused rather than trusted.</summary>
    RevocationUnavailable,

    /// <summary>A required scope is not granted, directly or by implication.</summary>
    InsufficientScope,
}
