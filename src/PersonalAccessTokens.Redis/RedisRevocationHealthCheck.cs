using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace PersonalAccessTokens.Redis;

/// <summary>Healthy while the replica is fresh, degraded while it is stale within the limit, and unhealthy past it when failing closed.</summary>
internal sealed class RedisRevocationHealthCheck(RevocationReplica replica, IOptions<RedisRevocationOptions> options, TimeProvider timeProvider) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var staleness = replica.StalenessAt(timeProvider.GetUtcNow());
        var limit = options.Value.StalenessLimit;
        var result = replica.IsFresh ? HealthCheckResult.Healthy("The revocation replica follows Redis.")
            : staleness <= limit || options.Value.OutageBehavior == RedisOutageBehavior.FailOpen
                ? HealthCheckResult.Degraded($"The revocation replica has been stale for {staleness:g}; Redis is unreachable.")
                : HealthCheckResult.Unhealthy($"The revocation replica has been stale for {staleness:g}, past {limit:g}: tokens are refused.");
        return Task.FromResult(result);
    }
}
