using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PersonalAccessTokens.Tests.Support;

namespace PersonalAccessTokens.Tests.Records;

public sealed class PatRecordWritingTests
{
    [Test]
    public async Task Issuing_fails_with_StoreUnavailable_when_the_record_cannot_be_written_so_no_token_exists_unseen()
    {
        using var host = TestHost.Create(build: b => b.Services.Replace(ServiceDescriptor.Singleton<IPatRecordStore, FailingStore>()));

        var result = await host.TokenIssuer.IssueAsync(new PatIssueRequest { Subject = "alice", Scopes = ["repo:read"] });

        Assert.That(result.Succeeded, Is.False);
        Assert.That(result.Error!.Code, Is.EqualTo(PatIssueErrorCode.StoreUnavailable));
    }

    [Test]
    public async Task A_million_uses_between_flushes_are_one_usage_entry_holding_the_last_use()
    {
        var store = new CountingStore();
        using var host = TestHost.Create(build: b => b.Services.Replace(ServiceDescriptor.Singleton<IPatRecordStore>(store)));
        var pat = await host.IssueAsync();
        for (var i = 0; i < 1_000_000; i++)
        {
            await host.Validator.ValidateAsync(pat.Token);
            if (i % 100_000 == 0)
            {
                host.Time.Advance(TimeSpan.FromSeconds(1));
            }
        }

        var flusher = new PatUsageFlusher(host.Provider.GetRequiredService<PatUsageRecorder>(), store, host.Provider.GetRequiredService<IOptions<PersonalAccessTokenOptions>>(), host.Time, NullLoggerFactory.Instance);
        await flusher.StopAsync(CancellationToken.None);

        Assert.That(store.Flushed, Has.Count.EqualTo(1));
        Assert.That(store.Flushed[0], Has.Count.EqualTo(1));
        Assert.That(store.Flushed[0].Single().LastUsedAt, Is.EqualTo(host.Time.GetUtcNow()));
    }

    [Test]
    public async Task A_failed_usage_flush_keeps_the_uses_for_the_next_one()
    {
        var store = new CountingStore { FailNextFlush = true };
        using var host = TestHost.Create(build: b => b.Services.Replace(ServiceDescriptor.Singleton<IPatRecordStore>(store)));
        var pat = await host.IssueAsync();
        await host.Validator.ValidateAsync(pat.Token);
        var flusher = new PatUsageFlusher(host.Provider.GetRequiredService<PatUsageRecorder>(), store, host.Provider.GetRequiredService<IOptions<PersonalAccessTokenOptions>>(), host.Time, NullLoggerFactory.Instance);

        await flusher.StopAsync(CancellationToken.None);
        await flusher.StopAsync(CancellationToken.None);

        Assert.That(store.Flushed, Has.Count.EqualTo(1));
        Assert.That(store.Flushed[0].Single().TokenId, Is.EqualTo(pat.Id));
    }

    [Test]
    public async Task A_store_failing_to_mark_derived_tokens_does_not_lose_a_rotated_token_or_a_revocation()
    {
        var store = new CountingStore();
        using var host = TestHost.Create(build: b => b.Services.Replace(ServiceDescriptor.Singleton<IPatRecordStore>(store)));
        var manager = host.Provider.GetRequiredService<IPatManager>();
        var rotated = await host.IssueAsync(scopes: ["repo:read"]);
        var revoked = await host.IssueAsync(scopes: ["repo:read"]);
        var child = await host.TokenIssuer.DeriveAsync((await host.Validator.ValidateAsync(revoked.Token)).Pat!, new PatDeriveRequest { Scopes = ["repo:read"] });
        store.FailLists = true;

        var rotation = await manager.RotateAsync("alice", rotated.Id);
        var revocation = await manager.RevokeAsync("alice", revoked.Id);

        Assert.That(rotation.Succeeded, Is.True, () => rotation.Error!.Message);
        Assert.That(revocation, Is.True);
        Assert.That((await host.Validator.ValidateAsync(child.Pat!.Token)).Failure, Is.EqualTo(PatValidationFailure.Revoked));
    }

    private sealed class FailingStore : IPatRecordStore
    {
        private static InvalidOperationException Down() => new("The database is down.");

        public ValueTask AddAsync(PatRecord record, CancellationToken cancellationToken = default) => throw Down();

        public ValueTask<PatRecord?> FindAsync(string tokenId, CancellationToken cancellationToken = default) => throw Down();

        public ValueTask<IReadOnlyList<PatRecord>> ListAsync(string subject, DateTimeOffset endedAfter, CancellationToken cancellationToken = default) => throw Down();

        public ValueTask<PatRecord?> RevokeAsync(string tokenId, DateTimeOffset revokedAt, PatRevocationReason reason, CancellationToken cancellationToken = default) => throw Down();

        public ValueTask RevokeAllAsync(string subject, DateTimeOffset issuedAtOrBefore, PatRevocationReason reason, CancellationToken cancellationToken = default) => throw Down();

        public ValueTask<bool> TryRotateAsync(string oldTokenId, PatRecord successor, DateTimeOffset rotatedAt, CancellationToken cancellationToken = default) => throw Down();

        public ValueTask<IReadOnlyList<PatRecord>> RevokeFamilyAsync(string familyId, DateTimeOffset revokedAt, PatRevocationReason reason, CancellationToken cancellationToken = default) => throw Down();

        public ValueTask RecordUsageAsync(IReadOnlyCollection<PatUsage> usages, CancellationToken cancellationToken = default) => throw Down();

        public ValueTask<IReadOnlyList<PatRecord>> ListExpiringAsync(DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken = default) => throw Down();

        public ValueTask<bool> TryClaimExpiryNoticeAsync(string tokenId, TimeSpan window, CancellationToken cancellationToken = default) => throw Down();

        public ValueTask PurgeAsync(DateTimeOffset endedBefore, DateTimeOffset now, CancellationToken cancellationToken = default) => throw Down();
    }

    /// <summary>The in-memory store, counting the usage batches it is given.</summary>
    private sealed class CountingStore : IPatRecordStore
    {
        private readonly InMemoryPatRecordStore _inner = new();

        public bool FailNextFlush { get; set; }

        public List<List<PatUsage>> Flushed { get; } = [];

        public ValueTask RecordUsageAsync(IReadOnlyCollection<PatUsage> usages, CancellationToken cancellationToken = default)
        {
            if (FailNextFlush)
            {
                FailNextFlush = false;
                throw new InvalidOperationException("The database is down.");
            }

            Flushed.Add([.. usages]);
            return _inner.RecordUsageAsync(usages, cancellationToken);
        }

        public ValueTask AddAsync(PatRecord record, CancellationToken cancellationToken = default) => _inner.AddAsync(record, cancellationToken);

        public ValueTask<PatRecord?> FindAsync(string tokenId, CancellationToken cancellationToken = default) => _inner.FindAsync(tokenId, cancellationToken);

        public bool FailLists { get; set; }

        public ValueTask<IReadOnlyList<PatRecord>> ListAsync(string subject, DateTimeOffset endedAfter, CancellationToken cancellationToken = default) =>
            FailLists ? throw new InvalidOperationException("The database is down.") : _inner.ListAsync(subject, endedAfter, cancellationToken);

        public ValueTask<PatRecord?> RevokeAsync(string tokenId, DateTimeOffset revokedAt, PatRevocationReason reason, CancellationToken cancellationToken = default) => _inner.RevokeAsync(tokenId, revokedAt, reason, cancellationToken);

        public ValueTask RevokeAllAsync(string subject, DateTimeOffset issuedAtOrBefore, PatRevocationReason reason, CancellationToken cancellationToken = default) => _inner.RevokeAllAsync(subject, issuedAtOrBefore, reason, cancellationToken);

        public ValueTask<bool> TryRotateAsync(string oldTokenId, PatRecord successor, DateTimeOffset rotatedAt, CancellationToken cancellationToken = default) => _inner.TryRotateAsync(oldTokenId, successor, rotatedAt, cancellationToken);

        public ValueTask<IReadOnlyList<PatRecord>> RevokeFamilyAsync(string familyId, DateTimeOffset revokedAt, PatRevocationReason reason, CancellationToken cancellationToken = default) => _inner.RevokeFamilyAsync(familyId, revokedAt, reason, cancellationToken);

        public ValueTask<IReadOnlyList<PatRecord>> ListExpiringAsync(DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken = default) => _inner.ListExpiringAsync(from, until, cancellationToken);

        public ValueTask<bool> TryClaimExpiryNoticeAsync(string tokenId, TimeSpan window, CancellationToken cancellationToken = default) => _inner.TryClaimExpiryNoticeAsync(tokenId, window, cancellationToken);

        public ValueTask PurgeAsync(DateTimeOffset endedBefore, DateTimeOffset now, CancellationToken cancellationToken = default) => _inner.PurgeAsync(endedBefore, now, cancellationToken);
    }
}
