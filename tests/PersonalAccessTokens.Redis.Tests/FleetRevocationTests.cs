using PersonalAccessTokens.Redis.Tests.Support;

namespace PersonalAccessTokens.Redis.Tests;

/// <summary>Two nodes, two service providers, one real Redis.</summary>
public sealed class FleetRevocationTests
{
    private static readonly TimeSpan PropagationBound = TimeSpan.FromSeconds(1);

    // A process's first revocation also compiles the publish and receive paths, while CI runs the other test
    // assemblies on the same two cores; it must still arrive, within seconds. The 1 s bound is for a running fleet.
    private static readonly TimeSpan FirstPropagationBound = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Test]
    public async Task A_revocation_on_one_node_is_seen_by_the_other_within_one_second()
    {
        using var redis = RedisServer.Start();
        await using var a = await Node.StartAsync(redis.Port);
        await using var b = await Node.StartAsync(redis.Port);
        var pat = await a.IssueAsync();
        Assert.That(await b.ValidateAsync(pat), Is.EqualTo(PatValidationFailure.None));

        // The first revocation of a process also pays for compiling its code paths: it has its own, looser bound.
        var first = await a.IssueAsync();
        await a.Revocations.RevokeAsync(first);
        var cold = await Eventually.UntilAsync(async () => await b.ValidateAsync(first) == PatValidationFailure.Revoked, Patience, "node B rejects the first token", precise: true);

        await a.Revocations.RevokeAsync(pat);
        var elapsed = await Eventually.UntilAsync(async () => await b.ValidateAsync(pat) == PatValidationFailure.Revoked, Patience, "node B rejects the token", precise: true);

        TestContext.Out.WriteLine($"Propagated to node B in {elapsed.TotalMilliseconds:0.#} ms ({cold.TotalMilliseconds:0.#} ms for the process's first).");
        Assert.That(cold, Is.LessThan(FirstPropagationBound));
        Assert.That(await a.ValidateAsync(pat), Is.EqualTo(PatValidationFailure.Revoked), "the revoking node knows at once");
        Assert.That(elapsed, Is.LessThan(PropagationBound));
    }

    [Test]
    public async Task A_parent_revoked_on_one_node_makes_the_other_refuse_its_derived_child_within_one_second()
    {
        using var redis = RedisServer.Start();
        await using var a = await Node.StartAsync(redis.Port);
        await using var b = await Node.StartAsync(redis.Port);
        var parent = await a.IssueAsync();
        var validatedParent = (await a.Validator.ValidateAsync(parent.Token)).Pat!;
        var derived = await a.Issuer.DeriveAsync(validatedParent, new PatDeriveRequest { Scopes = ["repo:read"], Name = "ci" });
        var child = derived.Pat!;
        Assert.That(await b.ValidateAsync(child), Is.EqualTo(PatValidationFailure.None), "and cached on node B now");

        // The first revocation of a process also pays for compiling its code paths, as in the test above.
        var first = await a.IssueAsync();
        await a.Revocations.RevokeAsync(first);
        await Eventually.UntilAsync(async () => await b.ValidateAsync(first) == PatValidationFailure.Revoked, Patience, "node B rejects the first token");

        await a.Revocations.RevokeAsync(parent);
        var elapsed = await Eventually.UntilAsync(async () => await b.ValidateAsync(child) == PatValidationFailure.Revoked, Patience, "node B rejects the child", precise: true);

        TestContext.Out.WriteLine($"The child was refused on node B {elapsed.TotalMilliseconds:0.#} ms after its parent was revoked on node A.");
        Assert.That(elapsed, Is.LessThan(PropagationBound));
    }

    [Test]
    public async Task Revoke_all_by_subject_propagates_within_one_second_and_spares_other_subjects()
    {
        using var redis = RedisServer.Start();
        await using var a = await Node.StartAsync(redis.Port);
        await using var b = await Node.StartAsync(redis.Port);
        var alice = await a.IssueAsync("alice");
        var bob = await a.IssueAsync("bob");
        var carol = await a.IssueAsync("carol");

        // The process's first revocation of a subject compiles its code paths, as in the tests above.
        await a.Revocations.RevokeAllAsync("carol", a.Time.GetUtcNow());
        await Eventually.UntilAsync(async () => await b.ValidateAsync(carol) == PatValidationFailure.Revoked, Patience, "node B rejects carol's token");

        await a.Revocations.RevokeAllAsync("alice", a.Time.GetUtcNow());
        var elapsed = await Eventually.UntilAsync(async () => await b.ValidateAsync(alice) == PatValidationFailure.Revoked, Patience, "node B rejects alice's token", precise: true);

        Assert.That(elapsed, Is.LessThan(PropagationBound));
        Assert.That(await b.ValidateAsync(bob), Is.EqualTo(PatValidationFailure.None));
    }

    [Test]
    public async Task A_restart_of_Redis_with_persistence_loses_nothing_and_a_node_that_was_down_rejects_on_start()
    {
        using var redis = RedisServer.Start(persistent: true);
        await using var a = await Node.StartAsync(redis.Port);
        var b = await Node.StartAsync(redis.Port);
        var early = await a.IssueAsync();
        var whileDown = await a.IssueAsync();
        var subject = await a.IssueAsync("carol");
        await a.Revocations.RevokeAsync(early);
        await a.Revocations.RevokeAllAsync("carol", a.Time.GetUtcNow());

        // Node B is down while a token is revoked.
        await b.DisposeAsync();
        await a.Revocations.RevokeAsync(whileDown);

        // Redis dies without a shutdown save and comes back from its append-only file.
        redis.Kill();
        redis.Restart();
        await using var b2 = await Node.StartAsync(redis.Port);

        // Refused from the first answer: Revoked, or RevocationUnavailable while Redis still loads its file and the
        // new node cannot yet vouch for its replica (fail closed). Then Revoked for each: nothing was lost.
        PatValidationFailure[] refused = [PatValidationFailure.Revoked, PatValidationFailure.RevocationUnavailable];
        Assert.That(await b2.ValidateAsync(early), Is.AnyOf(refused));
        Assert.That(await b2.ValidateAsync(whileDown), Is.AnyOf(refused));
        Assert.That(await b2.ValidateAsync(subject), Is.AnyOf(refused));
        await Eventually.UntilAsync(
            async () => await b2.ValidateAsync(early) == PatValidationFailure.Revoked
                && await b2.ValidateAsync(whileDown) == PatValidationFailure.Revoked
                && await b2.ValidateAsync(subject) == PatValidationFailure.Revoked,
            Patience,
            "the restarted node rejects every revoked token as Revoked");
    }

    [Test]
    public async Task While_Redis_is_dead_writes_fail_loudly_nodes_serve_their_replica_then_fail_closed_and_recover()
    {
        using var redis = RedisServer.Start();
        await using var a = await Node.StartAsync(redis.Port);
        await using var b = await Node.StartAsync(redis.Port, o => o.StalenessLimit = TimeSpan.FromSeconds(30));
        await using var open = await Node.StartAsync(redis.Port, o =>
        {
            o.StalenessLimit = TimeSpan.FromSeconds(30);
            o.OutageBehavior = RedisOutageBehavior.FailOpen;
        });
        var revoked = await a.IssueAsync();
        var valid = await a.IssueAsync();
        await a.Revocations.RevokeAsync(revoked);
        await Eventually.UntilAsync(async () => await b.ValidateAsync(revoked) == PatValidationFailure.Revoked, Patience, "B hears the revocation");
        await Eventually.UntilAsync(async () => await open.ValidateAsync(revoked) == PatValidationFailure.Revoked, Patience, "the open node hears it");

        redis.Kill();
        await Eventually.UntilAsync(() => !b.Replica.IsFresh && !open.Replica.IsFresh && !a.Replica.IsFresh, Patience, "the nodes notice the outage");

        // A revocation attempted meanwhile fails to its caller.
        var lost = await a.IssueAsync();
        Assert.CatchAsync<Exception>(async () => await a.Revocations.RevokeAsync(lost));

        // Within the staleness limit: answers from the replica.
        Assert.That(await b.ValidateAsync(revoked), Is.EqualTo(PatValidationFailure.Revoked));
        Assert.That(await b.ValidateAsync(valid), Is.EqualTo(PatValidationFailure.None));

        // Past it: fail closed by default, or stay open when chosen.
        b.Time.Advance(TimeSpan.FromSeconds(31));
        open.Time.Advance(TimeSpan.FromSeconds(31));
        Assert.That(await b.ValidateAsync(valid), Is.EqualTo(PatValidationFailure.RevocationUnavailable));
        Assert.That(await open.ValidateAsync(valid), Is.EqualTo(PatValidationFailure.None));
        Assert.That(await open.ValidateAsync(revoked), Is.EqualTo(PatValidationFailure.Revoked));

        // Redis is back: fresh again.
        redis.Restart();
        await Eventually.UntilAsync(() => b.Replica.IsFresh, Patience, "B reconnects and resynchronises");
        Assert.That(await b.ValidateAsync(valid), Is.EqualTo(PatValidationFailure.None));
    }

    [Test]
    public async Task A_node_cut_off_from_Redis_catches_up_after_reconnecting()
    {
        using var redis = RedisServer.Start();
        using var proxy = new TcpProxy(redis.Port);
        await using var a = await Node.StartAsync(redis.Port);
        await using var b = await Node.StartAsync(proxy.Port);
        var pat = await a.IssueAsync();
        Assert.That(await b.ValidateAsync(pat), Is.EqualTo(PatValidationFailure.None));

        proxy.Stop();
        await Eventually.UntilAsync(() => !b.Replica.IsFresh, Patience, "B notices it is cut off");
        await a.Revocations.RevokeAsync(pat);
        Assert.That(await b.ValidateAsync(pat), Is.EqualTo(PatValidationFailure.None), "B cannot have heard it");

        proxy.Start();
        await Eventually.UntilAsync(() => b.Replica.IsFresh, Patience, "B reconnects and resynchronises");

        Assert.That(await b.ValidateAsync(pat), Is.EqualTo(PatValidationFailure.Revoked));
    }

    [Test]
    public async Task Services_with_different_key_prefixes_share_a_Redis_without_seeing_each_other()
    {
        using var redis = RedisServer.Start();
        await using var billing = await Node.StartAsync(redis.Port, o => o.KeyPrefix = "billing:");
        await using var search = await Node.StartAsync(redis.Port, o => o.KeyPrefix = "search:");
        await using var billing2 = await Node.StartAsync(redis.Port, o => o.KeyPrefix = "billing:");
        var pat = await billing.IssueAsync();

        await billing.Revocations.RevokeAsync(pat);
        await Eventually.UntilAsync(async () => await billing2.ValidateAsync(pat) == PatValidationFailure.Revoked, Patience, "the same service hears it");

        Assert.That(await search.ValidateAsync(pat), Is.EqualTo(PatValidationFailure.None));
    }
}
