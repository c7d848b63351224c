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
    public async Task Keys_carry_the_prefix_and_expire_with_the_token_or_when_no_older_token_can_live()
    {
        using var redis = RedisServer.Start();
        await using var node = await Node.StartAsync(redis.Port, o => o.KeyPrefix = "svc:");
        var pat = await node.IssueAsync();
        await using var admin = await ConnectionMultiplexer.ConnectAsync(redis.Configuration);
        var database = admin.GetDatabase();

        await node.Revocations.RevokeAsync(pat);
        await node.Revocations.RevokeAllAsync("alice", node.Time.GetUtcNow());

        var tokenTtl = await database.KeyTimeToLiveAsync("svc:token:" + pat.Id);
        var subjectTtl = await database.KeyTimeToLiveAsync("svc:subject:alice");
        Assert.That((string?)await database.StringGetAsync("svc:token:" + pat.Id), Is.EqualTo(pat.ExpiresAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)));
        Assert.That(tokenTtl!.Value, Is.EqualTo(pat.ExpiresAt - DateTimeOffset.UtcNow).Within(TimeSpan.FromSeconds(5)));
        Assert.That(subjectTtl!.Value, Is.EqualTo(TimeSpan.FromDays(366) + TimeSpan.FromSeconds(30)).Within(TimeSpan.FromSeconds(5)));
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

        Assert.That(await shared.GetDatabase().KeyExistsAsync("pat:token:" + pat.Id), Is.True);
        Assert.That(await node.ValidateAsync(pat), Is.EqualTo(PatValidationFailure.Revoked));
        await shared.DisposeAsync();
    }

    [Test]
    public async Task A_malformed_channel_message_is_ignored_and_later_ones_still_apply()
    {
        using var redis = RedisServer.Start();
        await using var a = await Node.StartAsync(redis.Port);
        await using var b = await Node.StartAsync(redis.Port);
        await using var admin = await ConnectionMultiplexer.ConnectAsync(redis.Configuration);
        var pat = await a.IssueAsync();

        foreach (var garbage in new[] { "", "x", "t|", "t|abc|id", "q|1|id", "t|1|" })
        {
            await admin.GetSubscriber().PublishAsync(RedisChannel.Literal("pat:revocations"), garbage);
        }

        await a.Revocations.RevokeAsync(pat);

        await Eventually.UntilAsync(async () => await b.ValidateAsync(pat) == PatValidationFailure.Revoked, Patience, "B still applies revocations");
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
    public void Replica_purges_expired_tokens_and_epochs_older_than_any_live_token()
    {
        var replica = new RevocationReplica();
        var now = DateTimeOffset.UtcNow;
        replica.AddToken("old", now.AddSeconds(-1).ToUnixTimeSeconds());
        replica.AddToken("live", now.AddHours(1).ToUnixTimeSeconds());
        replica.AddSubject("gone", now.AddDays(-400).ToUnixTimeSeconds());
        replica.AddSubject("kept", now.AddDays(-1).ToUnixTimeSeconds());

        replica.Purge(now, TimeSpan.FromDays(366));

        Assert.That(replica.Count, Is.EqualTo(2));
    }

    [Test]
    public void Channel_messages_round_trip_and_ids_may_hold_the_separator()
    {
        var message = RedisKeys.Message(RedisKeys.SubjectMessage, 1_800_000_000, "org|alice");

        Assert.That(RedisKeys.TryParse(message, out var kind, out var seconds, out var id), Is.True);
        Assert.That((kind, seconds, id), Is.EqualTo((RedisKeys.SubjectMessage, 1_800_000_000L, "org|alice")));
    }

    private static async Task<long> CommandCountAsync(IServer server)
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
