using System.Text.Json.Serialization;

namespace PersonalAccessTokens;

/// <summary>Why a token was not issued. Serialized as its name; no code is 0, so a default value is never mistaken for one.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PatIssueErrorCode>))]
public enum PatIssueErrorCode
{
    /// <summary>A requested scope is not registered with the scope policy.</summary>
    UnknownScope = 1,

    /// <summary>A requested scope is not an RFC 6749 §3.3 scope-token (empty, or with spaces, quotes or backslashes).</summary>
    InvalidScope,

    /// <summary>The requested lifetime exceeds <see cref="PersonalAccessTokenOptions.MaxLifetime"/> or a scope's maximum.</summary>
    LifetimeTooLong,

    /// <summary>The requested lifetime is zero or negative.</summary>
    InvalidLifetime,

    /// <summary>The subject is empty, only whitespace, too long, or holds control characters or a lone surrogate.</summary>
    InvalidSubject,

    /// <summary>The name is empty, only whitespace, too long, or holds control characters or a lone surrogate.</summary>
    InvalidName,

    /// <summary>The scope policy refused the request for a reason of its own.</summary>
    PolicyDenied,

    /// <summary>No signing key is active now, for example because every key has retired.</summary>
    SigningKeyUnavailable,

    /// <summary>
    /// The token would be longer than <see cref="PersonalAccessTokenOptions.MaxTokenLength"/>, so validation would refuse it;
    /// ask for fewer scopes or a shorter name.
    /// </summary>
    TokenTooLong,

    /// <summary>The token to rotate is unknown, or belongs to another user.</summary>
    TokenNotFound,

    /// <summary>The token to rotate has expired, or was revoked or rotated already.</summary>
    TokenNotActive,

    /// <summary>The token's record could not be written, so no token was issued.</summary>
    StoreUnavailable,

    /// <summary>A derived token asked for a scope its parent does not grant, directly or by implication.</summary>
    ScopeNotGranted,

    /// <summary>The parent is already <see cref="PersonalAccessTokenOptions.MaxDerivationDepth"/> levels below an ordinary token.</summary>
    DerivationTooDeep,

    /// <summary>A derived token cannot be rotated; derive a new one from its parent instead.</summary>
    DerivedTokenNotRotatable,
}
