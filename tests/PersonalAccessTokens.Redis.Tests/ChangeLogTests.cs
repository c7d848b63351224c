using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using PersonalAccessTokens.Redis.Tests.Support;
using StackExchange.Redis;

namespace PersonalAccessTokens.Redis.Tests;

/// <summary>What keeping a node up to date costs: it follows the changes, never the size of the list or the keyspace.</summary>
public sealed class ChangeLogTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private static readonly string[] ScriptCommands = ["evalsha", "eval", "xrange"];

    [Test]
    public async Task A_catch_up_with_nothing_new_is_one_command()
    {
        using var redis = RedisServer.Start();
        await using var node = await Node.StartAsync(redis.Port);
        await node.Revocations.RevokeAsync("some-token", node.Time.GetUtcNow().AddHours(1));
        await using var admin = await ConnectionMultiplexer.ConnectAsync(redis.Configuration + ",allowAdmin=true");
        var server = admin.GetServer(redis.Configuration);

        // The write's own wake-up makes the node read it back; let that happen before counting.
        await Eventually.UntilAsync(() => Interlocked.Read(ref node.Replicator.ChangesRead) == 1, Patience, "the node reads its own write back");

        var before = await CommandStatsAsync(server);
        for (var i = 0; i < 10; i++)
        {
            await node.Replicator.SynchronizeAsync();
        }

        var after = await CommandStatsAsync(server);
        var used = after.Where(c => c.Value - before.GetValueOrDefault(c.Key) > 0 && c.Key != "ping" && c.Key != "echo")
            .ToDictionary(c => c.Key, c => c.Value - before.GetValueOrDefault(c.Key));
        TestContext.Out.WriteLine($"10 catch-ups with nothing new: {string.Join(", ", used.Select(c => $"{c.Key} x{c.Value}"))}.");

        // One script call each (EVALSHA, or EVAL if the script cache was empty), which Redis counts with the two
        // XRANGEs inside it: the log's first entry and the entries after the cursor, none. No read of the list.
        Assert.That(used.Keys, Is.SubsetOf(ScriptCommands));
        Assert.That(used.GetValueOrDefault("evalsha") + used.GetValueOrDefault("eval"), Is.EqualTo(10));
        Assert.That(used.GetValueOrDefault("xrange"), Is.EqualTo(20));
    }

    [Test]
    public async Task After_a_partition_a_node_reads_only_the_changes_it_missed()
    {
        const int RevokedDuringPartition = 10_000;
        using var redis = RedisServer.Start();
        using var proxy = new TcpProxy(redis.Port);
        await using var a = await Node.StartAsync(redis.Port);
        for (var i = 0; i < 1_000; i++)
        {
            await a.Revocations.RevokeAsync($"before-{i}", a.Time.GetUtcNow().AddHours(1));
        }

        await using var b = await Node.StartAsync(proxy.Port);
        var readBefore = Interlocked.Read(ref b.Replicator.ChangesRead);

        proxy.Stop();
        await Eventually.UntilAsync(() => !b.Replica.IsFresh, Patience, "B notices it is cut off");
        b.Time.Advance(TimeSpan.FromSeconds(60));
        var revoked = await a.IssueAsync();
        await a.Revocations.RevokeAsync(revoked);
        for (var i = 1; i < RevokedDuringPartition; i++)
        {
            await a.Revocations.RevokeAsync($"during-{i}", a.Time.GetUtcNow().AddHours(1));
        }

        proxy.Start();
        await Eventually.UntilAsync(() => b.Replica.IsFresh, Patience, "B reconnects and catches up");

        var read = Interlocked.Read(ref b.Replicator.ChangesRead) - readBefore;
        TestContext.Out.WriteLine($"Catch-up after the partition read {read:N0} changes; full loads: {b.Replicator.FullLoads}.");
        Assert.That(read, Is.EqualTo(RevokedDuringPartition));
        Assert.That(b.Replicator.FullLoads, Is.EqualTo(1), "only the start-up load");
        Assert.That(b.Replica.List.Count, Is.EqualTo(1_000 + RevokedDuringPartition));
        Assert.That(await b.ValidateAsync(revoked), Is.EqualTo(PatValidationFailure.Revoked));
    }

    [Test]
    public async Task A_node_never_walks_the_keyspace_so_unrelated_keys_and_glob_characters_in_the_prefix_do_not_matter()
    {
        using var redis = RedisServer.Start();
        await using var admin = await ConnectionMultiplexer.ConnectAsync(redis.Configuration + ",allowAdmin=true");
        await admin.GetDatabase().ScriptEvaluateAsync("for i = 1, 100000 do redis.call('SET', 'other:' .. i, i) end");
        await using var a = await Node.StartAsync(redis.Port, o => o.KeyPrefix = "svc[1]:");
        var pat = await a.IssueAsync();
        await a.Revocations.RevokeAsync(pat);
        var before = await CommandStatsAsync(admin.GetServer(redis.Configuration));

        await using var b = await Node.StartAsync(redis.Port, o => o.KeyPrefix = "svc[1]:");

        var after = await CommandStatsAsync(admin.GetServer(redis.Configuration));
        Assert.That(await b.ValidateAsync(pat), Is.EqualTo(PatValidationFailure.Revoked), "a glob character in the prefix matches nothing now");
        Assert.That(after.GetValueOrDefault("scan"), Is.EqualTo(before.GetValueOrDefault("scan")));
        Assert.That(after.GetValueOrDefault("keys"), Is.EqualTo(before.GetValueOrDefault("keys")));
    }

    [Test]
    public async Task A_failing_catch_up_is_logged_makes_the_node_stale_and_recovers_and_shutdown_does_not_throw()
    {
        using var redis = RedisServer.Start();
        var log = new FakeLoggerProvider();
        var node = await Node.StartAsync(redis.Port, services: s => s.AddLogging(l => l.AddProvider(log)));
        await using var admin = await ConnectionMultiplexer.ConnectAsync(redis.Configuration);
        var database = admin.GetDatabase();
        await Eventually.UntilAsync(() => node.Replica.IsFresh, Patience, "the node starts fresh");

        // The log key holds the wrong type: every read of it fails with a Redis error, not a lost connection.
        await database.KeyDeleteAsync("{pat:}changes");
        await database.StringSetAsync("{pat:}changes", "not a stream");
        await node.Replicator.SynchronizeAsync();

        Assert.That(node.Replica.IsFresh, Is.False);
        Assert.That(log.Collector.GetSnapshot().Select(r => r.Id.Id), Does.Contain(4003));
        node.Time.Advance(TimeSpan.FromSeconds(31));
        Assert.That(await node.ValidateAsync(await node.IssueAsync()), Is.EqualTo(PatValidationFailure.RevocationUnavailable), "past the limit it fails closed");

        await database.KeyDeleteAsync("{pat:}changes");
        await node.Replicator.SynchronizeAsync();
        await Eventually.UntilAsync(() => node.Replica.IsFresh, Patience, "the node recovers once the log reads again");

        await database.StringSetAsync("{pat:}changes", "broken again");
        redis.Kill();
        Assert.DoesNotThrowAsync(async () => await node.DisposeAsync());
    }

    private static async Task<Dictionary<string, long>> CommandStatsAsync(IServer server)
    {
        var info = await server.InfoAsync("commandstats");
        return info.SelectMany(group => group)
            .Where(pair => pair.Key != "cmdstat_info")
            .ToDictionary(
                pair => pair.Key["cmdstat_".Length..],
                pair => long.Parse(pair.Value.Split(',')[0]["calls=".Length..], CultureInfo.InvariantCulture));
    }
}
