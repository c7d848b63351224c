using PersonalAccessTokens.Redis.Tests.Support;
using StackExchange.Redis;

namespace PersonalAccessTokens.Redis.Tests;

/// <summary>The store on a real three-primary Redis Cluster, with the default prefix, unchanged.</summary>
public sealed class ClusterRevocationTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private static readonly string[] StoreKeys = ["{pat:}tokens", "{pat:}subjects", "{pat:}changes"];

    [Test]
    public async Task On_a_cluster_revocations_are_stored_in_one_slot_loaded_by_a_new_node_and_propagated()
    {
        using var cluster = RedisCluster.Start();
        await using var a = await Node.StartAsync(cluster.Configuration);
        var revoked = await a.IssueAsync();
        var carol = await a.IssueAsync("carol");
        var valid = await a.IssueAsync();
        await a.Revocations.RevokeAsync(revoked);
        await a.Revocations.RevokeAllAsync("carol", a.Time.GetUtcNow());

        // A node that starts now loads the list from the shard that holds it.
        await using var b = await Node.StartAsync(cluster.Configuration);
        Assert.That(b.Replica.IsFresh, Is.True);
        Assert.That(await b.ValidateAsync(revoked), Is.EqualTo(PatValidationFailure.Revoked));
        Assert.That(await b.ValidateAsync(carol), Is.EqualTo(PatValidationFailure.Revoked));
        Assert.That(await b.ValidateAsync(valid), Is.EqualTo(PatValidationFailure.None));

        // And hears what is revoked afterwards.
        await a.Revocations.RevokeAsync(valid);
        await Eventually.UntilAsync(async () => await b.ValidateAsync(valid) == PatValidationFailure.Revoked, Patience, "B hears a revocation on the cluster");

        await using var admin = await ConnectionMultiplexer.ConnectAsync(cluster.Configuration);
        var database = admin.GetDatabase();
        var slots = StoreKeys.Select(k => admin.HashSlot(k)).Distinct();
        Assert.That(slots.Count(), Is.EqualTo(1), "every key of the store in one slot");
        Assert.That(await database.SortedSetLengthAsync("{pat:}tokens"), Is.EqualTo(2));
        Assert.That(b.Replicator.FullLoads, Is.EqualTo(1));
    }
}
