using System.Text.Json.Serialization;

namespace PersonalAccessTokens;

/// <summary>What a revocation store knows about a token.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PatRevocationStatus>))]
public enum PatRevocationStatus
{
    /// <summary>The token has not been revoked.</summary>
    NotRevoked,

    /// <summary>The token, or every token of its subject issued until then, has been revoked.</summary>
    Revoked,

    /// <summary>The store cannot answer safely, for example because its replica is too stale.</summary>
    Unavailable,
}
