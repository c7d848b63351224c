using Microsoft.Extensions.DependencyInjection;
using PersonalAccessTokens.Specification.Tests;

namespace PersonalAccessTokens.EntityFrameworkCore.Tests.Support;

/// <summary>The lifecycle specification on a database: nodes share it, and revocations reach a node by its poll.</summary>
public abstract class DatabaseLifecycleSpecification : PatLifecycleSpecification
{
    /// <summary>Advances the node's clock by one poll interval and waits (real time, at most 1 s) for that poll to finish.</summary>
    protected override async Task PropagateToAsync(LifecycleNode node)
    {
        var replicator = node.Host.Services.GetRequiredService<DatabaseRevocationReplicator>();
        var polls = replicator.Polls;
        node.Time.Advance(new EntityFrameworkStoreOptions().RevocationPollInterval);
        var deadline = DateTime.UtcNow.AddSeconds(1);
        while (replicator.Polls == polls)
        {
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), "no poll within the interval plus 1 s");
            await Task.Delay(5);
        }
    }
}
