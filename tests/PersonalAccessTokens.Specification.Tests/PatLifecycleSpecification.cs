using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;

namespace PersonalAccessTokens.Specification.Tests;

/// <summary>
/// What every record store must do, through the whole stack a host uses: issuer, manager, validator and hosted jobs.
/// A store's test project derives one fixture from this and says how a node reaches the store; two nodes of one
/// test share it, as two hosts share a database.
/// </summary>
public abstract class PatLifecycleSpecification
{
    protected static readonly DateTimeOffset Start = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    private readonly List<LifecycleNode> _nodes = [];

    /// <summary>Registers the store under test on a node's builder; every node of a test must reach the same data.</summary>
    protected abstract void UseStore(PersonalAccessTokenBuilder builder);

    /// <summary>Gives the next test empty data.</summary>
    protected virtual Task ResetAsync() => Task.CompletedTask;

    /// <summary>Lets a revocation made on one node reach <paramref name="node"/>: nothing for a shared memory, a poll for a database.</summary>
    protected virtual Task PropagateToAsync(LifecycleNode node) => Task.CompletedTask;

    [SetUp]
    public Task ResetForTestAsync() => ResetAsync();

    [TearDown]
    public async Task StopNodesAsync()
    {
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }

        _nodes.Clear();
    }

    protected async Task<LifecycleNode> StartNodeAsync(Action<IServiceCollection>? services = null, DateTimeOffset? start = null)
    {
        var node = await LifecycleNode.StartAsync(start ?? Start, UseStore, services);
        _nodes.Add(node);
        return node;
    }

    [Test]
    public async Task Issuing_writes_a_record_that_its_owner_lists_and_finds()
    {
        var node = await StartNodeAsync();
        var pat = await node.IssueAsync(name: "laptop", scopes: ["repo:write"]);

        var listed = await node.Manager.ListAsync("alice");
        var found = await node.Manager.FindAsync("alice", pat.Id);

        Assert.That(listed.Select(r => r.Id), Is.EqualTo(new[] { pat.Id }));
        Assert.That(found, Is.Not.Null);
        Assert.Multiple(() =>
        {
            Assert.That(found!.Subject, Is.EqualTo("alice"));
            Assert.That(found.Name, Is.EqualTo("laptop"));
            Assert.That(found.Scopes, Is.EqualTo(new[] { "repo:write" }));
            Assert.That(found.IssuedAt, Is.EqualTo(pat.IssuedAt));
            Assert.That(found.ExpiresAt, Is.EqualTo(pat.ExpiresAt));
            Assert.That(found.KeyId, Is.EqualTo(pat.KeyId));
            Assert.That(found.FamilyId, Is.EqualTo(pat.Id));
            Assert.That(found.GetStatus(node.Time.GetUtcNow()), Is.EqualTo(PatTokenStatus.Active));
            Assert.That(found.LastUsedAt, Is.Null);
            Assert.That(found.RevokedAt, Is.Null);
        });
    }

    [Test]
    public async Task A_list_is_newest_first_by_issue_time_then_id()
    {
        var node = await StartNodeAsync();
        var first = await node.IssueAsync();
        var sameSecond = await node.IssueAsync();
        node.Time.Advance(TimeSpan.FromSeconds(5));
        var newest = await node.IssueAsync();

        var ids = (await node.Manager.ListAsync("alice")).Select(r => r.Id).ToList();

        var tied = new[] { first.Id, sameSecond.Id }.OrderByDescending(id => id, StringComparer.Ordinal);
        Assert.That(ids, Is.EqualTo(tied.Prepend(newest.Id)));
    }

    [Test]
    public async Task A_token_stays_listed_for_the_retention_after_it_ended_and_no_longer()
    {
        var node = await StartNodeAsync();
        var expiring = await node.IssueAsync(lifetime: TimeSpan.FromDays(1));
        var revoked = await node.IssueAsync(lifetime: TimeSpan.FromDays(60));
        Assert.That(await node.Manager.RevokeAsync("alice", revoked.Id), Is.True);

        node.Time.Advance(TimeSpan.FromDays(30) - TimeSpan.FromMinutes(1));
        Assert.That((await node.Manager.ListAsync("alice")).Select(r => r.Id), Is.EquivalentTo(new[] { expiring.Id, revoked.Id }));

        node.Time.Advance(TimeSpan.FromMinutes(2));
        Assert.That((await node.Manager.ListAsync("alice")).Select(r => r.Id), Is.EqualTo(new[] { expiring.Id }), "revoked 30 days ago");
        Assert.That(await node.Manager.FindAsync("alice", revoked.Id), Is.Null);

        node.Time.Advance(TimeSpan.FromDays(1));
        Assert.That(await node.Manager.ListAsync("alice"), Is.Empty);
    }

    [Test]
    public async Task Another_users_token_answers_exactly_as_an_unknown_one()
    {
        var node = await StartNodeAsync();
        var bobs = await node.IssueAsync("bob");

        Assert.That(await node.Manager.FindAsync("alice", bobs.Id), Is.Null);
        Assert.That(await node.Manager.RevokeAsync("alice", bobs.Id), Is.False);
        Assert.That((await node.Manager.RotateAsync("alice", bobs.Id)).Error?.Code, Is.EqualTo(PatIssueErrorCode.TokenNotFound));
        Assert.That(await node.Manager.ListAsync("alice"), Is.Empty);
        Assert.That(await node.ValidateAsync(bobs), Is.EqualTo(PatValidationFailure.None), "bob's token is untouched");
    }

    private static readonly string[] NotOurIds = ["", new string('x', 5000), "id\0with-nul", "'; DROP TABLE tokens; --", "% _ \\ \"", "\u00e9\u4e2d\U0001F600", "\ud800", "\t"];

    [TestCaseSource(nameof(NotOurIds))]
    public async Task An_id_that_is_not_ours_gets_a_plain_answer(string id)
    {
        var node = await StartNodeAsync();
        await node.IssueAsync();

        Assert.That(await node.Manager.FindAsync("alice", id), Is.Null);
        Assert.That(await node.Manager.RevokeAsync("alice", id), Is.False);
        Assert.That((await node.Manager.RotateAsync("alice", id)).Error?.Code, Is.EqualTo(PatIssueErrorCode.TokenNotFound));
        Assert.That(await node.Manager.ListAsync(id), Is.Empty);
    }

    [Test]
    public async Task Revoking_by_id_fails_the_next_validation_and_marks_the_record()
    {
        var node = await StartNodeAsync();
        var pat = await node.IssueAsync();
        var other = await node.IssueAsync();
        Assert.That(await node.ValidateAsync(pat), Is.EqualTo(PatValidationFailure.None));

        node.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.That(await node.Manager.RevokeAsync("alice", pat.Id), Is.True);

        var record = await node.Manager.FindAsync("alice", pat.Id);
        Assert.That(await node.ValidateAsync(pat), Is.EqualTo(PatValidationFailure.Revoked));
        Assert.That(await node.ValidateAsync(other), Is.EqualTo(PatValidationFailure.None));
        Assert.That(record!.RevokedAt, Is.EqualTo(node.Time.GetUtcNow()));
        Assert.That(record.RevocationReason, Is.EqualTo(PatRevocationReason.Revoked));
        Assert.That(record.GetStatus(node.Time.GetUtcNow()), Is.EqualTo(PatTokenStatus.Revoked));
    }

    [Test]
    public async Task Rotating_issues_a_linked_successor_with_the_same_name_scopes_and_lifetime_and_revokes_the_old_token()
    {
        var node = await StartNodeAsync();
        var old = await node.IssueAsync(name: "ci", scopes: ["repo:write"], lifetime: TimeSpan.FromDays(10));
        node.Time.Advance(TimeSpan.FromDays(3));

        var rotated = await node.Manager.RotateAsync("alice", old.Id);

        Assert.That(rotated.Succeeded, Is.True, () => rotated.Error!.Message);
        var successor = rotated.Pat!;
        var oldRecord = await node.Manager.FindAsync("alice", old.Id);
        var newRecord = await node.Manager.FindAsync("alice", successor.Id);
        Assert.Multiple(async () =>
        {
            Assert.That(successor.Name, Is.EqualTo("ci"));
            Assert.That(successor.Scopes, Is.EqualTo(new[] { "repo:write" }));
            Assert.That(successor.ExpiresAt - successor.IssuedAt, Is.EqualTo(TimeSpan.FromDays(10)));
            // The successor first: presenting the old token now is reuse, which ends the successor too.
            Assert.That(await node.ValidateAsync(successor), Is.EqualTo(PatValidationFailure.None));
            Assert.That(await node.ValidateAsync(old), Is.EqualTo(PatValidationFailure.Revoked));
            Assert.That(oldRecord!.RevocationReason, Is.EqualTo(PatRevocationReason.Rotated));
            Assert.That(oldRecord.RotatedToId, Is.EqualTo(successor.Id));
            Assert.That(newRecord!.RotatedFromId, Is.EqualTo(old.Id));
            Assert.That(newRecord.FamilyId, Is.EqualTo(old.Id));
        });
    }

    [Test]
    public async Task Rotating_refuses_an_unknown_expired_revoked_or_already_rotated_token()
    {
        var node = await StartNodeAsync();
        var expired = await node.IssueAsync(lifetime: TimeSpan.FromHours(1));
        var revoked = await node.IssueAsync();
        var rotated = await node.IssueAsync();
        await node.Manager.RevokeAsync("alice", revoked.Id);
        Assert.That((await node.Manager.RotateAsync("alice", rotated.Id)).Succeeded, Is.True);
        node.Time.Advance(TimeSpan.FromHours(2));

        Assert.That((await node.Manager.RotateAsync("alice", "unknown-id")).Error?.Code, Is.EqualTo(PatIssueErrorCode.TokenNotFound));
        Assert.That((await node.Manager.RotateAsync("alice", expired.Id)).Error?.Code, Is.EqualTo(PatIssueErrorCode.TokenNotActive));
        Assert.That((await node.Manager.RotateAsync("alice", revoked.Id)).Error?.Code, Is.EqualTo(PatIssueErrorCode.TokenNotActive));
        Assert.That((await node.Manager.RotateAsync("alice", rotated.Id)).Error?.Code, Is.EqualTo(PatIssueErrorCode.TokenNotActive));
    }

    [Test]
    public async Task Of_concurrent_rotations_on_two_nodes_exactly_one_wins_and_one_token_stays_active()
    {
        var a = await StartNodeAsync();
        var b = await StartNodeAsync();
        var pat = await a.IssueAsync();

        var attempts = Enumerable.Range(0, 16).Select(i => Task.Run(async () => await (i % 2 == 0 ? a : b).Manager.RotateAsync("alice", pat.Id)));
        var results = await Task.WhenAll(attempts);

        Assert.That(results.Count(r => r.Succeeded), Is.EqualTo(1));
        Assert.That(results.Where(r => !r.Succeeded).Select(r => r.Error!.Code), Is.All.EqualTo(PatIssueErrorCode.TokenNotActive));
        var active = (await a.Manager.ListAsync("alice")).Where(r => r.GetStatus(a.Time.GetUtcNow()) == PatTokenStatus.Active).ToList();
        Assert.That(active.Select(r => r.Id), Is.EqualTo(new[] { results.Single(r => r.Succeeded).Pat!.Id }));
    }

    [Test]
    public async Task Using_a_rotated_away_token_revokes_its_whole_family_and_tells_the_observers()
    {
        var observer = new RecordingReuseObserver();
        var a = await StartNodeAsync(s => s.AddSingleton<IPatReuseObserver>(observer));
        var b = await StartNodeAsync();
        var first = await a.IssueAsync();
        var second = (await a.Manager.RotateAsync("alice", first.Id)).Pat!;
        var third = (await a.Manager.RotateAsync("alice", second.Id)).Pat!;
        var unrelated = await a.IssueAsync();
        Assert.That(await a.ValidateAsync(third), Is.EqualTo(PatValidationFailure.None));

        // Someone presents the first token again.
        Assert.That(await a.ValidateAsync(first), Is.EqualTo(PatValidationFailure.Revoked));

        Assert.That(await a.ValidateAsync(third), Is.EqualTo(PatValidationFailure.Revoked), "the live successor dies on the detecting node at once");
        await PropagateToAsync(b);
        Assert.That(await b.ValidateAsync(third), Is.EqualTo(PatValidationFailure.Revoked), "and on the others after propagation");
        Assert.That(await a.ValidateAsync(unrelated), Is.EqualTo(PatValidationFailure.None));
        var thirdRecord = await a.Manager.FindAsync("alice", third.Id);
        Assert.That(thirdRecord!.RevocationReason, Is.EqualTo(PatRevocationReason.ReuseDetected));
        Assert.That(observer.Families, Has.Count.EqualTo(1));
        Assert.That(observer.Families[0].Reused.Id, Is.EqualTo(first.Id));
        Assert.That(observer.Families[0].Family.Select(r => r.Id), Is.EquivalentTo(new[] { first.Id, second.Id, third.Id }));
    }

    [Test]
    public async Task Revoking_a_token_by_id_is_not_taken_for_reuse()
    {
        var node = await StartNodeAsync();
        var pat = await node.IssueAsync();
        var successor = (await node.Manager.RotateAsync("alice", pat.Id)).Pat!;
        await node.Manager.RevokeAsync("alice", successor.Id);

        Assert.That(await node.ValidateAsync(successor), Is.EqualTo(PatValidationFailure.Revoked));

        Assert.That((await node.Manager.FindAsync("alice", pat.Id))!.RevocationReason, Is.EqualTo(PatRevocationReason.Rotated));
        Assert.That((await node.Manager.FindAsync("alice", successor.Id))!.RevocationReason, Is.EqualTo(PatRevocationReason.Revoked));
    }

    [Test]
    public async Task Usage_is_flushed_as_the_last_use_not_the_flush_time_and_once_more_at_stop()
    {
        var node = await StartNodeAsync();
        var pat = await node.IssueAsync();
        for (var i = 0; i < 1000; i++)
        {
            Assert.That(await node.ValidateAsync(pat), Is.EqualTo(PatValidationFailure.None));
            node.Time.Advance(TimeSpan.FromMilliseconds(10));
        }

        var lastUse = node.Time.GetUtcNow() - TimeSpan.FromMilliseconds(10);
        node.Time.Advance(TimeSpan.FromSeconds(50));
        await WaitForAsync(async () => (await node.Manager.FindAsync("alice", pat.Id))?.LastUsedAt is not null, "the periodic flush");
        Assert.That((await node.Manager.FindAsync("alice", pat.Id))!.LastUsedAt, Is.EqualTo(lastUse));

        node.Time.Advance(TimeSpan.FromSeconds(5));
        await node.ValidateAsync(pat);
        var finalUse = node.Time.GetUtcNow();
        await node.StopAsync();
        var restarted = await StartNodeAsync(start: node.Time.GetUtcNow());
        Assert.That((await restarted.Manager.FindAsync("alice", pat.Id))!.LastUsedAt, Is.EqualTo(finalUse), "the stop flushed the last use");
    }

    [Test]
    public async Task Expiry_notices_go_once_per_window_to_active_tokens_only_across_two_nodes()
    {
        var notifier = new RecordingNotifier();
        void WithNotifier(IServiceCollection s) => s.AddSingleton<IPatExpiryNotifier>(notifier);
        var a = await StartNodeAsync(WithNotifier);
        var soon = await a.IssueAsync(name: "soon", lifetime: TimeSpan.FromDays(8));
        var revoked = await a.IssueAsync(name: "revoked", lifetime: TimeSpan.FromDays(8));
        await a.Manager.RevokeAsync("alice", revoked.Id);
        await a.IssueAsync(name: "later", lifetime: TimeSpan.FromDays(60));

        // A day later the first two fall into the 7-day window; a second node starting then finds the claims taken.
        a.Time.Advance(TimeSpan.FromDays(1));
        await AdvanceUntilAsync(a, TimeSpan.FromHours(1), () => notifier.Notices.Count >= 1, "the 7-day notice");
        var b = await StartNodeAsync(WithNotifier, start: a.Time.GetUtcNow());
        a.Time.Advance(TimeSpan.FromHours(3));
        b.Time.Advance(TimeSpan.FromHours(3));

        Assert.That(notifier.Notices.Select(n => (n.Token.Id, n.Window)), Is.EqualTo(new[] { (soon.Id, TimeSpan.FromDays(7)) }));

        // A check still running when the clock jumps arms its next one an hour after it ends: step on by the hour.
        a.Time.Advance(TimeSpan.FromDays(6));
        await AdvanceUntilAsync(a, TimeSpan.FromHours(1), () => notifier.Notices.Count >= 2, "the 1-day notice");
        Assert.That(notifier.Notices.Select(n => (n.Token.Id, n.Window)), Is.EqualTo(new[] { (soon.Id, TimeSpan.FromDays(7)), (soon.Id, TimeSpan.FromDays(1)) }));
    }

    [Test]
    public async Task A_notifier_that_throws_does_not_stop_the_other_notices()
    {
        var notifier = new RecordingNotifier { ThrowFor = "first" };
        var node = await StartNodeAsync(s => s.AddSingleton<IPatExpiryNotifier>(notifier));
        await node.IssueAsync(name: "first", lifetime: TimeSpan.FromHours(20));
        var second = await node.IssueAsync(name: "second", lifetime: TimeSpan.FromHours(20));

        await AdvanceUntilAsync(node, TimeSpan.FromHours(1), () => notifier.Notices.Any(n => n.Token.Id == second.Id), "the second token's notice");
        node.Time.Advance(TimeSpan.FromHours(1));

        Assert.That(notifier.Attempts, Is.EqualTo(2), "the failed notice is not retried");
    }

    [Test]
    public async Task Revocations_survive_a_restart_of_every_node()
    {
        var node = await StartNodeAsync();
        var pat = await node.IssueAsync();
        await node.Manager.RevokeAsync("alice", pat.Id);
        await node.StopAsync();

        var restarted = await StartNodeAsync(start: node.Time.GetUtcNow());

        Assert.That(await restarted.ValidateAsync(pat), Is.EqualTo(PatValidationFailure.Revoked));
    }

    [Test]
    public async Task A_revocation_on_one_node_reaches_the_other()
    {
        var a = await StartNodeAsync();
        var b = await StartNodeAsync();
        var pat = await a.IssueAsync();
        Assert.That(await b.ValidateAsync(pat), Is.EqualTo(PatValidationFailure.None));

        await a.Manager.RevokeAsync("alice", pat.Id);
        await PropagateToAsync(b);

        Assert.That(await b.ValidateAsync(pat), Is.EqualTo(PatValidationFailure.Revoked));
    }

    [Test]
    public async Task A_derived_token_is_listed_with_its_parent_id_and_dies_with_its_parent_revoked_by_id()
    {
        var node = await StartNodeAsync();
        var parent = await node.IssueAsync(scopes: ["repo:write"]);
        var child = await DeriveAsync(node, parent, "ci-job");
        var grandchild = await DeriveAsync(node, child, "ci-step");
        Assert.That(await node.ValidateAsync(grandchild), Is.EqualTo(PatValidationFailure.None));

        var listed = await node.Manager.ListAsync("alice");
        Assert.That(listed.Single(r => r.Id == child.Id).ParentId, Is.EqualTo(parent.Id));
        Assert.That(listed.Single(r => r.Id == grandchild.Id).ParentId, Is.EqualTo(child.Id));
        Assert.That(listed.Single(r => r.Id == parent.Id).ParentId, Is.Null);

        Assert.That(await node.Manager.RevokeAsync("alice", parent.Id), Is.True);

        Assert.That(await node.ValidateAsync(child), Is.EqualTo(PatValidationFailure.Revoked));
        Assert.That(await node.ValidateAsync(grandchild), Is.EqualTo(PatValidationFailure.Revoked));
        var after = await node.Manager.ListAsync("alice");
        Assert.That(after.Where(r => r.Id == child.Id || r.Id == grandchild.Id).Select(r => r.RevocationReason), Is.All.EqualTo(PatRevocationReason.Revoked));
    }

    [Test]
    public async Task A_derived_token_cannot_be_rotated_and_rotating_its_parent_kills_it()
    {
        var node = await StartNodeAsync();
        var parent = await node.IssueAsync(scopes: ["repo:write"]);
        var child = await DeriveAsync(node, parent, "ci-job");

        var rotatedChild = await node.Manager.RotateAsync("alice", child.Id);
        var rotatedParent = await node.Manager.RotateAsync("alice", parent.Id);

        Assert.That(rotatedChild.Error?.Code, Is.EqualTo(PatIssueErrorCode.DerivedTokenNotRotatable));
        Assert.That(rotatedParent.Succeeded, Is.True);
        Assert.That(await node.ValidateAsync(child), Is.EqualTo(PatValidationFailure.Revoked));
        Assert.That((await node.Manager.FindAsync("alice", child.Id))?.GetStatus(node.Time.GetUtcNow()), Is.EqualTo(PatTokenStatus.Revoked));
        Assert.That((await node.Manager.FindAsync("alice", rotatedParent.Pat!.Id))?.FamilyId, Is.EqualTo(parent.Id), "children are not family members");
    }

    [Test]
    public async Task A_parent_revoked_on_one_node_kills_its_child_on_the_other()
    {
        var a = await StartNodeAsync();
        var b = await StartNodeAsync();
        var parent = await a.IssueAsync(scopes: ["repo:write"]);
        var child = await DeriveAsync(a, parent, "ci-job");
        Assert.That(await b.ValidateAsync(child), Is.EqualTo(PatValidationFailure.None));

        await a.Manager.RevokeAsync("alice", parent.Id);
        await PropagateToAsync(b);

        Assert.That(await b.ValidateAsync(child), Is.EqualTo(PatValidationFailure.Revoked));
    }

    protected static async Task<IssuedPat> DeriveAsync(LifecycleNode node, IssuedPat parent, string name)
    {
        var validated = await node.Validator.ValidateAsync(parent.Token);
        Assert.That(validated.IsValid, Is.True, validated.Message);
        var derived = await node.Issuer.DeriveAsync(validated.Pat!, new PatDeriveRequest { Scopes = ["repo:read"], Name = name });
        Assert.That(derived.Succeeded, Is.True, () => derived.Error!.Message);
        return derived.Pat!;
    }

    /// <summary>Moves a node's clock on by <paramref name="step"/> until a periodic job has done what is awaited; at most 8 steps.</summary>
    protected static async Task AdvanceUntilAsync(LifecycleNode node, TimeSpan step, Func<bool> done, string what)
    {
        for (var i = 0; i < 8 && !done(); i++)
        {
            node.Time.Advance(step);
            var deadline = DateTime.UtcNow.AddSeconds(2);
            while (!done() && DateTime.UtcNow < deadline)
            {
                await Task.Delay(10); // The job runs on the thread pool once the fake clock fires its timer.
            }
        }

        Assert.That(done(), Is.True, $"Not after 8 steps of {step}: {what}.");
    }

    /// <summary>Waits for a hosted job that a clock advance woke, on the thread pool. Real time, bounded.</summary>
    protected static async Task WaitForAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Not within 10 s: {what}.");
            }

            await Task.Delay(10);
        }
    }

    private sealed class RecordingReuseObserver : IPatReuseObserver
    {
        public List<(PatRecord Reused, IReadOnlyList<PatRecord> Family)> Families { get; } = [];

        public ValueTask OnReuseDetectedAsync(PatRecord reusedToken, IReadOnlyList<PatRecord> family, CancellationToken cancellationToken)
        {
            Families.Add((reusedToken, family));
            return ValueTask.CompletedTask;
        }
    }

    private sealed class RecordingNotifier : IPatExpiryNotifier
    {
        private readonly ConcurrentQueue<PatExpiryNotice> _notices = new();
        private int _attempts;

        public string? ThrowFor { get; init; }

        public IReadOnlyList<PatExpiryNotice> Notices => [.. _notices];

        public int Attempts => _attempts;

        public ValueTask NotifyAsync(PatExpiryNotice notice, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _attempts);
            if (notice.Token.Name == ThrowFor)
            {
                throw new InvalidOperationException("The mail server is down.");
            }

            _notices.Enqueue(notice);
            return ValueTask.CompletedTask;
        }
    }
}
