using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PersonalAccessTokens;
using PersonalAccessTokens.Redis;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers fleet-wide revocation on Redis.</summary>
public static class RedisRevocationExtensions
{
    /// <summary>Stores revocations in the Redis that <paramref name="configuration"/> names, e.g. <c>localhost:6379</c>.</summary>
    /// <param name="builder">The personal access token builder.</param>
    /// <param name="configuration">A StackExchange.Redis configuration string.</param>
    /// <returns>The builder, so calls chain.</returns>
    public static PersonalAccessTokenBuilder AddRedisRevocation(this PersonalAccessTokenBuilder builder, string configuration)
    {
        ArgumentException.ThrowIfNullOrEmpty(configuration);
        return builder.AddRedisRevocation(options => options.Configuration = configuration);
    }

    /// <summary>Stores revocations through the <c>IConnectionMultiplexer</c> the host registers.</summary>
    /// <param name="builder">The personal access token builder.</param>
    /// <returns>The builder, so calls chain.</returns>
    public static PersonalAccessTokenBuilder AddRedisRevocation(this PersonalAccessTokenBuilder builder) =>
        builder.AddRedisRevocation(_ => { });

    /// <summary>
    /// Stores revocations in Redis and replicates them into this node's memory: checks make no network call.
    /// Without a <see cref="RedisRevocationOptions.Configuration"/>, the host's <c>IConnectionMultiplexer</c> is used.
    /// </summary>
    /// <param name="builder">The personal access token builder.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The builder, so calls chain.</returns>
    public static PersonalAccessTokenBuilder AddRedisRevocation(this PersonalAccessTokenBuilder builder, Action<RedisRevocationOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var services = builder.Services;
        services.AddOptions<RedisRevocationOptions>()
            .Configure(configure)
            .Validate(o => !string.IsNullOrEmpty(o.KeyPrefix), "PersonalAccessTokens.Redis: KeyPrefix must not be empty; it keeps services that share a Redis apart.")
            .Validate(o => o.StalenessLimit > TimeSpan.Zero, "PersonalAccessTokens.Redis: StalenessLimit must be positive.")
            .Validate(o => o.CatchUpInterval > TimeSpan.Zero, "PersonalAccessTokens.Redis: CatchUpInterval must be positive.")
            .ValidateOnStart();

        services.TryAddSingleton<RevocationReplica>();
        services.TryAddSingleton<RedisConnection>();
        services.TryAddSingleton(sp => new RedisKeys(sp.GetRequiredService<IOptions<RedisRevocationOptions>>().Value.KeyPrefix));
        services.TryAddSingleton<RedisRevocationReplicator>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, RedisRevocationReplicator>(sp => sp.GetRequiredService<RedisRevocationReplicator>()));
        return builder.UseRevocationStore<RedisPatRevocationStore>();
    }

    /// <summary>Adds a health check that reports the revocation replica's freshness.</summary>
    /// <param name="builder">The health checks builder.</param>
    /// <param name="name">The check's name.</param>
    /// <returns>The builder, so calls chain.</returns>
    public static IHealthChecksBuilder AddRedisRevocationCheck(this IHealthChecksBuilder builder, string name = "pat-revocation")
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Add(new HealthCheckRegistration(
            name,
            sp => new RedisRevocationHealthCheck(sp.GetRequiredService<RevocationReplica>(), sp.GetRequiredService<IOptions<RedisRevocationOptions>>(), sp.GetRequiredService<TimeProvider>()),
            failureStatus: null,
            tags: ["pat", "redis"]));
    }
}
