using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using PersonalAccessTokens.Redis.Tests.Support;
using StackExchange.Redis;

namespace PersonalAccessTokens.Redis.Tests;

public sealed class RedisStoreTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Test]
    public async Task Validation_makes_no_network_call()
    {
        using var redis = RedisServer.Start();
        await using var node = await Node.StartAsync(redis.Port);
        var pat = await node.IssueAsync();
        await using var admin = await ConnectionMultiplexer.ConnectAsync(redis.Configuration + ",allowAdmin=true");
        var server = admin.GetServer(redis.Configuration);
        Assert.That(await node.ValidateAsync(pat), Is.EqualTo(PatValidationFailure.None));

        var before = await CommandCountAsync(server);
        for (var i = 0; i < 10_000; i++)
        {
            if ((await node.Validator.ValidateAsync(pat.Token)).Failure != PatValidationFailure.None)
            {
                Assert.Fail("a validation failed");
            }
        }

        var after = await CommandCountAsync(server);
        TestContext.Out.WriteLine($"Redis commands during 10,000 validations: {after - before}.");

        // Heartbeats and the INFO call itself may land in between; nothing that scales with validations.
        Assert.That(after - before, Is.LessThan(20), $"commands during 10,000 validations: {after - before}");
    }

    [Test]
    public async Task Revocations_live_in_two_sorted_sets_and_a_change_log_under_a_hash_tagged_prefix()
    {
        using var redis = RedisServer.Start();
        await using var node = await Node.StartAsync(redis.Port, o => o.KeyPrefix = "svc:");
        var pat = await node.IssueAsync();
        await using var admin = await ConnectionMultiplexer.ConnectAsync(redis.Configuration);
        var database = admin.GetDatabase();

        await node.Revocations.RevokeAsync(pat);
        await node.Revocations.RevokeAllAsync("alice", node.Time.GetUtcNow());

        Assert.That(await database.SortedSetScoreAsync("{svc:}tokens", pat.Id), Is.EqualTo(pat.ExpiresAt.ToUnixTimeSeconds()));
        Assert.That(await database.SortedSetScoreAsync("{svc:}subjects", "alice"), Is.EqualTo(node.Time.GetUtcNow().ToUnixTimeSeconds()));
        var changes = await database.StreamRangeAsync("{svc:}changes");
        Assert.That(changes.Select(c => (string?)c["m"]), Is.EqualTo(new[]
        {
            $"t|{pat.ExpiresAt.ToUnixTimeSeconds()}|{pat.Id}",
            $"s|{node.Time.GetUtcNow().ToUnixTimeSeconds()}|alice",
        }));
    }

    [Test]
    public async Task A_write_trims_tokens_once_past_exp_plus_skew_and_epochs_once_no_older_token_can_live()
    {
        using var redis = RedisServer.Start();
        await using var node = await Node.StartAsync(redis.Port);
        await using var admin = await ConnectionMultiplexer.ConnectAsync(redis.Configuration);
        var database = admin.GetDatabase();
        var now = node.Time.GetUtcNow();
        await node.Revocations.RevokeAsync("ends-soon", now.AddMinutes(1));
        await node.Revocations.RevokeAllAsync("old-subject", now);

        // Within the skew after exp the entry still matters; past it, the next write drops it.
        node.Time.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(20));
        await node.Revocations.RevokeAsync("other", now.AddHours(1));
        Assert.That(await database.SortedSetScoreAsync("{pat:}tokens", "ends-soon"), Is.Not.Null);

        node.Time.Advance(TimeSpan.FromDays(367));
        await node.Revocations.RevokeAsync("later", node.Time.GetUtcNow().AddHours(1));
        await node.Revocations.RevokeAllAsync("new-subject", node.Time.GetUtcNow());

        Assert.That(await database.SortedSetScoreAsync("{pat:}tokens", "ends-soon"), Is.Null);
        Assert.That(await database.SortedSetScoreAsync("{pat:}subjects", "old-subject"), Is.Null);
        Assert.That(await database.SortedSetLengthAsync("{pat:}tokens"), Is.EqualTo(1));
    }

    [Test]
    public async Task A_revoked_token_stays_revoked_on_every_node_through_the_clock_skew_after_its_expiry()
    {
        using var redis = RedisServer.Start();
        await using var a = await Node.StartAsync(redis.Port);
        var pat = await a.IssueAsync();
        await a.Revocations.RevokeAsync(pat);

        // A node that starts late, with its clock in the window between exp and exp + skew, loads the entry.
        a.Time.SetUtcNow(pat.ExpiresAt + TimeSpan.FromSeconds(10));
        var withinSkew = await a.IssueAsync("bob");
        await a.Revocations.RevokeAsync(withinSkew.Id, a.Time.GetUtcNow() - TimeSpan.FromSeconds(5));
        await using var b = await Node.StartAsync(redis.Port);
        b.Time.SetUtcNow(pat.ExpiresAt + TimeSpan.FromSeconds(20));

        Assert.That(await b.ValidateAsync(pat), Is.EqualTo(PatValidationFailure.Revoked));
        await using var admin = await ConnectionMultiplexer.ConnectAsync(redis.Configuration);
        Assert.That(await admin.GetDatabase().SortedSetScoreAsync("{pat:}tokens", withinSkew.Id), Is.Not.Null, "a revocation made after exp but within the skew is kept");
    }

    [Test]
    public async Task A_later_revoke_all_never_moves_the_epoch_back()
    {
        using var redis = RedisServer.Start();
        await using var a = await Node.StartAsync(redis.Port);
        var pat = await a.IssueAsync();
        await a.Revocations.RevokeAllAsync("alice", a.Time.GetUtcNow());

        await a.Revocations.RevokeAllAsync("alice", a.Time.GetUtcNow().AddDays(-1));
        await using var b = await Node.StartAsync(redis.Port);

        Assert.That(await b.ValidateAsync(pat), Is.EqualTo(PatValidationFailure.Revoked));
    }

    [Test]
    public async Task The_host_connection_multiplexer_is_reused_when_no_configuration_is_given()
    {
        using var redis = RedisServer.Start();
        var shared = await ConnectionMultiplexer.ConnectAsync(redis.Configuration);
        await using var node = await Node.StartAsync(redis.Port, o => o.Configuration = null, services => services.AddSingleton<IConnectionMultiplexer>(shared));
        var pat = await node.IssueAsync();

        await node.Revocations.RevokeAsync(pat);

        Assert.That(await shared.GetDatabase().SortedSetScoreAsync("{pat:}tokens", pat.Id), Is.Not.Null);
        Assert.That(await node.ValidateAsync(pat), Is.EqualTo(PatValidationFailure.Revoked));
        await shared.DisposeAsync();
    }

    [Test]
    public async Task Channel_messages_only_wake_nodes_and_malformed_log_entries_are_ignored()
    {
        using var redis = RedisServer.Start();
        await using var a = await Node.StartAsync(redis.Port);
        await using var b = await Node.StartAsync(redis.Port);
        await using var admin = await ConnectionMultiplexer.ConnectAsync(redis.Configuration);
        var database = admin.GetDatabase();
        var pat = await a.IssueAsync();
        var farFuture = "t|253402300799|" + pat.Id;

        // A forged announcement carries no revocation: nodes read only the store's own structures.
        await admin.GetSubscriber().PublishAsync(RedisChannel.Literal("{pat:}revocations"), farFuture);
        foreach (var garbage in new[] { "", "x", "t|", "t|abc|id", "q|1|id", "t|1|", "t|99999999999999|id", "t|1|" + new string('x', 257) })
        {
            await database.StreamAddAsync("{pat:}changes", "m", garbage);
        }

        await database.StreamAddAsync("{pat:}changes", "other", "field");
        await b.Replicator.SynchronizeAsync();
        Assert.That(b.Replica.List.Count, Is.Zero);
        Assert.That(await b.ValidateAsync(pat), Is.EqualTo(PatValidationFailure.None));

        await a.Revocations.RevokeAsync(pat);

        await Eventually.UntilAsync(async () => await b.ValidateAsync(pat) == PatValidationFailure.Revoked, Patience, "B still applies revocations");
    }

    [Test]
    public async Task A_full_load_replaces_the_replica_so_an_entry_Redis_no_longer_holds_is_gone()
    {
        using var redis = RedisServer.Start();
        await using var node = await Node.StartAsync(redis.Port);
        await using var admin = await ConnectionMultiplexer.ConnectAsync(redis.Configuration);
        var database = admin.GetDatabase();
        var pat = await node.IssueAsync();

        // A well-formed change written straight into the log, with no entry in the list behind it.
        await database.StreamAddAsync("{pat:}changes", "m", $"t|253402300799|{pat.Id}");
        await node.Replicator.SynchronizeAsync();
        Assert.That(await node.ValidateAsync(pat), Is.EqualTo(PatValidationFailure.Revoked));

        // The log is lost (and begins again after this node's position): the node reloads the list, which wins.
        await database.KeyDeleteAsync("{pat:}changes");
        await node.Revocations.RevokeAsync("another", node.Time.GetUtcNow().AddHours(1));
        await node.Replicator.SynchronizeAsync();

        Assert.That(node.Replicator.FullLoads, Is.EqualTo(2));
        Assert.That(await node.ValidateAsync(pat), Is.EqualTo(PatValidationFailure.None));
        Assert.That(node.Replica.List.Count, Is.EqualTo(1));
    }

    [Test]
    public async Task The_health_check_reports_fresh_stale_and_past_the_limit()
    {
        using var redis = RedisServer.Start();
        await using var node = await Node.StartAsync(redis.Port, services: s => s.AddHealthChecks().AddRedisRevocationCheck());
        var health = node.Host.Services.GetRequiredService<HealthCheckService>();

        Assert.That((await health.CheckHealthAsync()).Status, Is.EqualTo(HealthStatus.Healthy));
        redis.Kill();
        await Eventually.UntilAsync(() => !node.Replica.IsFresh, Patience, "the node notices the outage");
        Assert.That((await health.CheckHealthAsync()).Status, Is.EqualTo(HealthStatus.Degraded));
        node.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.That((await health.CheckHealthAsync()).Status, Is.EqualTo(HealthStatus.Unhealthy));
    }

    [Test]
    public async Task A_node_that_starts_while_Redis_is_down_fails_closed_until_it_has_loaded()
    {
        using var redis = RedisServer.Start();
        redis.Kill();
        await using var node = await Node.StartAsync(redis.Port);
        var pat = await node.IssueAsync();

        Assert.That(await node.ValidateAsync(pat), Is.EqualTo(PatValidationFailure.RevocationUnavailable));
        redis.Restart();
        await Eventually.UntilAsync(() => node.Replica.IsFresh, Patience, "the node connects and loads");
        Assert.That(await node.ValidateAsync(pat), Is.EqualTo(PatValidationFailure.None));
    }

    [Test]
    public async Task A_service_provider_holding_the_store_can_be_disposed_synchronously()
    {
        using var redis = RedisServer.Start();
        var services = new ServiceCollection();
        services.AddPersonalAccessTokens(o =>
            {
                o.Issuer = "https://issuer.example";
                o.Audience = "https://api.example";
            })
            .AddSigningKey(new Microsoft.IdentityModel.Tokens.SymmetricSecurityKey(new byte[32]) { KeyId = "k" }, Microsoft.IdentityModel.Tokens.SecurityAlgorithms.HmacSha256)
            .AddRedisRevocation(redis.Configuration);
        var provider = services.BuildServiceProvider();
        var pat = await provider.GetRequiredService<IPatIssuer>().IssueAsync(new PatIssueRequest { Subject = "alice" });
        await provider.GetRequiredService<IPatRevocationStore>().RevokeAsync(pat.Pat!);

        Assert.DoesNotThrow(provider.Dispose);
    }

    [Test]
    public void Replica_holds_a_million_revocations_in_at_most_64_bytes_each()
    {
        const int Count = 1_000_000;
        var ids = Enumerable.Range(0, Count).Select(Base64UrlId).ToArray();
        var before = GC.GetTotalMemory(forceFullCollection: true);

        var builder = new PatRevocationList.Builder(Count);
        foreach (var id in ids)
        {
            builder.AddToken(id, 2_000_000_000);
        }

        var replica = new RevocationReplica();
        replica.List.Replace(builder);
        var perRevocation = (double)(GC.GetTotalMemory(forceFullCollection: true) - before) / Count;
        TestContext.Out.WriteLine($"Replica: {perRevocation:0.#} B of managed heap per revocation, {Count:N0} revocations.");

        Assert.That(replica.List.Count, Is.EqualTo(Count));
        Assert.That(perRevocation, Is.LessThanOrEqualTo(64));
        GC.KeepAlive(ids);
        GC.KeepAlive(replica);
    }

    [Test]
    public void Change_messages_are_refused_with_an_overlong_id_or_a_time_outside_the_token_range()
    {
        Assert.That(RedisKeys.TryParse("t|1|" + new string('x', 256), out _, out _, out _), Is.True);
        Assert.That(RedisKeys.TryParse("t|1|" + new string('x', 257), out _, out _, out _), Is.False);
        Assert.That(RedisKeys.TryParse("t|253402300799|id", out _, out _, out _), Is.True);
        Assert.That(RedisKeys.TryParse("t|253402300800|id", out _, out _, out _), Is.False);
    }

    [TestCase("pat:", "{pat:}")]
    [TestCase("svc[1]:", "{svc[1]:}")]
    [TestCase("{billing}:pat:", "{billing}:pat:")]
    [TestCase("a{}b:", "{a{}b:}")]
    public void The_prefix_is_wrapped_in_a_hash_tag_unless_it_holds_one(string prefix, string expected)
    {
        Assert.That(new RedisKeys(prefix).Prefix, Is.EqualTo(expected));
    }

    [Test]
    public void Channel_messages_round_trip_and_ids_may_hold_the_separator()
    {
        var message = RedisKeys.Message(RedisKeys.SubjectMessage, 1_800_000_000, "org|alice");

        Assert.That(RedisKeys.TryParse(message, out var kind, out var seconds, out var id), Is.True);
        Assert.That((kind, seconds, id), Is.EqualTo((RedisKeys.SubjectMessage, 1_800_000_000L, "org|alice")));
    }

    private static string Base64UrlId(int i)
    {
        var bytes = new byte[16];
        BitConverter.TryWriteBytes(bytes, i);
        BitConverter.TryWriteBytes(bytes.AsSpan(8), ~i);
        return System.Buffers.Text.Base64Url.EncodeToString(bytes);
    }

    internal static async Task<long> CommandCountAsync(IServer server)
    {
        var info = await server.InfoAsync("commandstats");
        long total = 0;
        foreach (var (key, value) in info.SelectMany(group => group))
        {
            // cmdstat_get:calls=1,usec=...; the INFO calls are ours, not the node's.
            if (key != "cmdstat_info")
            {
                total += long.Parse(value.Split(',')[0]["calls=".Length..], CultureInfo.InvariantCulture);
            }
        }

        return total;
    }
}
