using StackExchange.Redis;

namespace PersonalAccessTokens.Redis;

/// <summary>Options of the Redis revocation store.</summary>
public sealed class RedisRevocationOptions
{
    /// <summary>
    /// A StackExchange.Redis configuration string such as <c>localhost:6379</c>. When <see langword="null"/>, the
    /// <see cref="IConnectionMultiplexer"/> the host registers is used.
    /// </summary>
    public string? Configuration { get; set; }

    /// <summary>Adjusts the connection the store creates from <see cref="Configuration"/>, e.g. its retry policy.</summary>
    public Action<ConfigurationOptions>? ConfigureConnection { get; set; }

    /// <summary>
    /// The prefix of every key and channel, so one Redis can serve several services. Unless it holds a hash tag
    /// (<c>{...}</c>), it is wrapped in one, <c>{pat:}</c>, so all of the store's keys share one Redis Cluster slot.
    /// </summary>
    /// <value>Defaults to <c>pat:</c>.</value>
    public string KeyPrefix { get; set; } = "pat:";

    /// <summary>How long a node answers from its replica after losing Redis before <see cref="OutageBehavior"/> applies.</summary>
    /// <value>Defaults to 30 seconds.</value>
    public TimeSpan StalenessLimit { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>What a node answers once its replica is staler than <see cref="StalenessLimit"/>.</summary>
    /// <value>Defaults to <see cref="RedisOutageBehavior.FailClosed"/>.</value>
    public RedisOutageBehavior OutageBehavior { get; set; } = RedisOutageBehavior.FailClosed;

    /// <summary>
    /// How often a node reads the change log even without a pub/sub wake-up, which can be lost (pub/sub delivers at
    /// most once). With nothing new, a check is one O(1) command.
    /// </summary>
    /// <value>Defaults to 5 seconds.</value>
    public TimeSpan CatchUpInterval { get; set; } = TimeSpan.FromSeconds(5);
}
