using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PersonalAccessTokens.EntityFrameworkCore.Tests.Support;
using PersonalAccessTokens.Specification.Tests;

namespace PersonalAccessTokens.EntityFrameworkCore.Tests;

/// <summary>PostgreSQL stopped mid-run and started again: clear failures meanwhile, and nothing acknowledged is lost.</summary>
public sealed class DatabaseOutageTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task While_the_database_is_down_writes_fail_clearly_validation_serves_the_replica_then_fails_closed_and_recovers()
    {
        using var server = PostgresServer.Start();
        var database = await server.CreateDatabaseAsync("outage");
        void Store(PersonalAccessTokenBuilder b) => b.AddEntityFrameworkStore(o => o.UseNpgsql(database));
        await using var node = await LifecycleNode.StartAsync(Start, Store);
        var revoked = await node.IssueAsync();
        var valid = await node.IssueAsync();
        Assert.That(await node.Manager.RevokeAsync("alice", revoked.Id), Is.True);

        server.Stop();

        var issue = await node.Issuer.IssueAsync(new PatIssueRequest { Subject = "alice", Scopes = ["repo:read"] });
        Assert.That(issue.Error?.Code, Is.EqualTo(PatIssueErrorCode.StoreUnavailable));
        Assert.CatchAsync<Exception>(async () => await node.Manager.ListAsync("alice"));
        Assert.CatchAsync<Exception>(async () => await node.Manager.RevokeAsync("alice", valid.Id), "a revocation that cannot be stored fails to its caller");

        // A poll fails: from then on the replica answers, until the staleness limit.
        await PollAsync(node);
        Assert.That(await node.ValidateAsync(valid), Is.EqualTo(PatValidationFailure.None));
        Assert.That(await node.ValidateAsync(revoked), Is.EqualTo(PatValidationFailure.Revoked));
        node.Time.Advance(TimeSpan.FromSeconds(31));
        Assert.That(await node.ValidateAsync(valid), Is.EqualTo(PatValidationFailure.RevocationUnavailable));

        server.Restart();
        await PollAsync(node);

        Assert.That(await node.ValidateAsync(valid), Is.EqualTo(PatValidationFailure.None));
        Assert.That(await node.ValidateAsync(revoked), Is.EqualTo(PatValidationFailure.Revoked));
        await using var fresh = await LifecycleNode.StartAsync(node.Time.GetUtcNow(), Store);
        Assert.That(await fresh.ValidateAsync(revoked), Is.EqualTo(PatValidationFailure.Revoked), "the acknowledged revocation survived");
        Assert.That((await fresh.Manager.ListAsync("alice")).Select(r => r.Id), Is.EquivalentTo(new[] { revoked.Id, valid.Id }));
    }

    [Test]
    public async Task A_clock_jump_while_polls_succeed_never_fails_closed()
    {
        var directory = Directory.CreateTempSubdirectory("pat-clock-").FullName;
        try
        {
            void Store(PersonalAccessTokenBuilder b) => b.AddEntityFrameworkStore(o => o.UseSqlite($"Data Source={Path.Combine(directory, "tokens.db")}"));
            await using var node = await LifecycleNode.StartAsync(Start, Store);
            var pat = await node.IssueAsync(lifetime: TimeSpan.FromDays(60));

            // A month passes at once: the last successful poll is a month old, yet no poll has failed.
            node.Time.Advance(TimeSpan.FromDays(30));

            Assert.That(await node.ValidateAsync(pat), Is.EqualTo(PatValidationFailure.None));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    private static Task PollAsync(LifecycleNode node) =>
        node.Host.Services.GetRequiredService<DatabaseRevocationReplicator>().PollAsync(CancellationToken.None);
}
