using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PersonalAccessTokens.EntityFrameworkCore.Tests.Support;
using PersonalAccessTokens.Specification.Tests;

namespace PersonalAccessTokens.EntityFrameworkCore.Tests;

/// <summary>
/// The store's three frequent queries on a PostgreSQL holding 1,000,000 records (10,000 users of 100 tokens) and
/// 100,000 revocations. It checks their answers and prints how long they took, for the README; it judges no time.
/// Run: dotnet test tests/PersonalAccessTokens.EntityFrameworkCore.Tests --filter "Name~a_million_records" --logger "console;verbosity=detailed"
/// </summary>
public sealed class PostgresScaleMeasurements
{
    private static readonly DateTimeOffset Start = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task With_a_million_records_a_list_a_usage_flush_and_an_idle_poll_answer_correctly_and_print_their_times()
    {
        using var server = PostgresServer.Start();
        var database = await server.CreateDatabaseAsync("scale", pooling: true);
        void Store(PersonalAccessTokenBuilder b) => b.AddEntityFrameworkStore(o => o.UseNpgsql(database));
        await using var node = await LifecycleNode.StartAsync(Start, Store);
        var issued = Start.UtcTicks;
        var expires = Start.AddDays(30).UtcTicks;
        var keepUntil = Start.AddDays(30).ToUnixTimeSeconds();
        await ExecuteAsync(database, $"""
            INSERT INTO pat_records ("Id", "Subject", "Name", "Scopes", "IssuedAt", "ExpiresAt", "EndedAt", "KeyId", "FamilyId")
            SELECT 'token-' || g, 'user-' || (g % 10000), 'token ' || g, 'repo:read', {issued} + g, {expires}, {expires}, 'hmac-1', 'token-' || g
            FROM generate_series(1, 1000000) AS g;
            INSERT INTO pat_revocations ("Kind", "Key", "Value", "KeepUntil", "CreatedAt")
            SELECT 0, 'revoked-' || g, {keepUntil}, {keepUntil}, {issued} FROM generate_series(1, 100000) AS g;
            ANALYZE;
            """);
        var replicator = node.Host.Services.GetRequiredService<DatabaseRevocationReplicator>();
        await replicator.PollAsync(CancellationToken.None); // Reads the 100,000 rows just written.

        var list = await MedianAsync(async () => Assert.That(await node.Manager.ListAsync("user-42"), Has.Count.EqualTo(100)));
        // A first flush of other tokens warms the connection pool, the statement's plan and the code; the second is measured.
        await node.Records.RecordUsageAsync([.. Enumerable.Range(1, 10_000).Select(i => new PatUsage($"token-{i * 100 - 1}", Start.AddMinutes(1), null))]);
        var usages = Enumerable.Range(1, 10_000).Select(i => new PatUsage($"token-{i * 100}", Start.AddMinutes(1), "203.0.113.7")).ToArray();
        var flush = Stopwatch.StartNew();
        await node.Records.RecordUsageAsync(usages);
        flush.Stop();
        // A minute on, the rows are settled (older than the skew plus a margin): an idle poll reads nothing.
        node.Time.Advance(TimeSpan.FromMinutes(1));
        await replicator.PollAsync(CancellationToken.None);
        var poll = await MedianAsync(() => replicator.PollAsync(CancellationToken.None));

        Assert.That((await node.Records.FindAsync("token-500"))!.LastUsedAt, Is.EqualTo(Start.AddMinutes(1)));
        Assert.That(node.Host.Services.GetRequiredService<DatabaseRevocationReplica>().List.IsTokenRevoked("revoked-99999"), Is.True);
        TestContext.Out.WriteLine($"1,000,000 records in PostgreSQL: ListAsync of a user's 100 tokens {list.TotalMilliseconds:0.0} ms (median of 21); "
            + $"usage flush of 10,000 tokens {flush.Elapsed.TotalMilliseconds:0} ms; revocation poll with nothing new {poll.TotalMilliseconds:0.00} ms (median of 21).");
    }

    private static async Task<TimeSpan> MedianAsync(Func<Task> action)
    {
        await action(); // Warm: connection, query plan, JIT.
        var times = new List<TimeSpan>();
        for (var i = 0; i < 21; i++)
        {
            var clock = Stopwatch.StartNew();
            await action();
            times.Add(clock.Elapsed);
        }

        return times.Order().ElementAt(times.Count / 2);
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 300 };
        await command.ExecuteNonQueryAsync();
    }
}
