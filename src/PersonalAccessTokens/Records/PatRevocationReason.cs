using System.Text.Json.Serialization;

namespace PersonalAccessTokens;

/// <summary>Why a token's record says it was revoked.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PatRevocationReason>))]
public enum PatRevocationReason
{
    /// <summary>Its owner revoked it, by id or by presenting it.</summary>
    Revoked,

    /// <summary>Its owner revoked all of their tokens.</summary>
    RevokedAll,

    /// <summary>It was rotated: a successor replaced it.</summary>
    Rotated,

    /// <summary>A token of its rotation family was used after it had been rotated away, so someone else holds a copy.</summary>
    ReuseDetected,
}
