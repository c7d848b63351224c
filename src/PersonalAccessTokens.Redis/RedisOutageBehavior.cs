using System.Text.Json.Serialization;

namespace PersonalAccessTokens.Redis;

/// <summary>What a node answers once its replica of the revocation list is staler than the limit.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RedisOutageBehavior>))]
public enum RedisOutageBehavior
{
    /// <summary>
    /// Answer <see cref="PatRevocationStatus.Unavailable"/>, so validation fails with
    /// <see cref="PatValidationFailure.RevocationUnavailable"/>: no revoked token gets through, at the price of availability.
    /// </summary>
    FailClosed,

    /// <summary>Keep answering from the stale replica: availability first, at the risk of accepting a token revoked meanwhile.</summary>
    FailOpen,
}
