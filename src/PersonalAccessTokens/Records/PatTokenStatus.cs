using System.Text.Json.Serialization;

namespace PersonalAccessTokens;

/// <summary>Where a token is in its life, as <see cref="PatRecord.GetStatus"/> tells it.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PatTokenStatus>))]
public enum PatTokenStatus
{
    /// <summary>Neither revoked nor expired.</summary>
    Active,

    /// <summary>Past its expiry.</summary>
    Expired,

    /// <summary>Revoked, whether or not it has expired since.</summary>
    Revoked,
}
