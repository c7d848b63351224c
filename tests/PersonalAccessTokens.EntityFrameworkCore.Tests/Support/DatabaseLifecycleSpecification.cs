using Microsoft.Extensions.DependencyInjection;
using PersonalAccessTokens.Specification.Tests;

namespace PersonalAccessTokens.EntityFrameworkCore.Tests.Support;

/// <summary>The lifecycle specification on a database: nodes share it, and revocations reach a node by its poll.</summary>
public abstract class DatabaseLifecycleSpecification : PatLifecycleSpecification
{
    /// <summary>
    /// Advances the node's clock by one poll interval and waits for that poll to finish. The wait is real time and only
    /// lets the background poll run (a process's first one compiles its EF query, on two cores shared with other test
    /// assemblies); the interval itself is the fake clock's.
    /// </summary>
    protected override async Task PropagateToAsync(LifecycleNode node)
    {
        var replicator = node.Host.Services.GetRequiredService<DatabaseRevocationReplicator>();
        var polls = replicator.Polls;
        node.Time.Advance(new EntityFrameworkStoreOptions().RevocationPollInterval);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (replicator.Polls == polls)
        {
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), "no poll within 20 s of the interval passing");
            await Task.Delay(5);
        }
    }
}
