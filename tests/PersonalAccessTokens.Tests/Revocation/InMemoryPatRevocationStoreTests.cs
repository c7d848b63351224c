using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PersonalAccessTokens.Tests.Support;

namespace PersonalAccessTokens.Tests.Revocation;

public sealed class InMemoryPatRevocationStoreTests : HostFixture
{
    [Test]
    public async Task Validate_rejects_a_revoked_token_and_keeps_accepting_others()
    {
        var revoked = await Host.IssueAsync();
        var kept = await Host.IssueAsync();

        await Host.Revocations.RevokeAsync(revoked);

        Assert.That((await Host.Validator.ValidateAsync(revoked.Token)).Failure, Is.EqualTo(PatValidationFailure.Revoked));
        Assert.That((await Host.Validator.ValidateAsync(kept.Token)).IsValid, Is.True);
    }

    [Test]
    public async Task Revoking_a_validated_token_rejects_it_on_the_next_call()
    {
        var issued = await Host.IssueAsync();
        var validated = (await Host.Validator.ValidateAsync(issued.Token)).Pat!;

        await Host.Revocations.RevokeAsync(validated);

        Assert.That((await Host.Validator.ValidateAsync(issued.Token)).Failure, Is.EqualTo(PatValidationFailure.Revoked));
    }

    [Test]
    public async Task RevokeAll_revokes_tokens_issued_up_to_and_within_the_same_second_and_not_later_ones()
    {
        var old = await Host.IssueAsync();
        Host.Time.Advance(TimeSpan.FromMilliseconds(900)); // Same second as the revocation instant below.
        var sameSecond = await Host.IssueAsync();
        var other = await Host.IssueAsync(subject: "bob");

        await Host.Revocations.RevokeAllAsync("alice", Host.Time.GetUtcNow());
        Host.Time.Advance(TimeSpan.FromSeconds(1));
        var newer = await Host.IssueAsync();

        Assert.Multiple(async () =>
        {
            Assert.That((await Host.Validator.ValidateAsync(old.Token)).Failure, Is.EqualTo(PatValidationFailure.Revoked));
            Assert.That((await Host.Validator.ValidateAsync(sameSecond.Token)).Failure, Is.EqualTo(PatValidationFailure.Revoked));
            Assert.That((await Host.Validator.ValidateAsync(other.Token)).IsValid, Is.True);
            Assert.That((await Host.Validator.ValidateAsync(newer.Token)).IsValid, Is.True);
        });
    }

    [Test]
    public async Task RevokeAll_never_moves_the_epoch_back()
    {
        var pat = await Host.IssueAsync();
        await Host.Revocations.RevokeAllAsync("alice", Host.Time.GetUtcNow());

        await Host.Revocations.RevokeAllAsync("alice", Host.Time.GetUtcNow().AddDays(-1));

        Assert.That((await Host.Validator.ValidateAsync(pat.Token)).Failure, Is.EqualTo(PatValidationFailure.Revoked));
    }

    [Test]
    public async Task Store_purges_entries_once_their_tokens_have_expired()
    {
        var store = (InMemoryPatRevocationStore)Host.Revocations;
        for (var i = 0; i < 100; i++)
        {
            await store.RevokeAsync($"id-{i}", Host.Time.GetUtcNow().AddHours(1));
        }

        await store.RevokeAllAsync("alice", Host.Time.GetUtcNow());
        Assert.That(store.Count, Is.EqualTo(101));

        // Past every token's expiry, and past MaxLifetime + skew for the subject epoch, a write sweeps the rest.
        Host.Time.Advance(TimeSpan.FromDays(367));
        await store.RevokeAsync("fresh", Host.Time.GetUtcNow().AddHours(1));

        Assert.That(store.Count, Is.EqualTo(1));
    }

    [Test]
    public async Task Store_ignores_a_revocation_of_a_token_already_expired_beyond_the_clock_skew()
    {
        var store = (InMemoryPatRevocationStore)Host.Revocations;

        await store.RevokeAsync("old", Host.Time.GetUtcNow() - PersonalAccessTokenDefaults.ClockSkew - TimeSpan.FromSeconds(1));

        Assert.That(store.Count, Is.Zero);
    }

    [Test]
    public async Task A_revoked_token_stays_revoked_through_the_clock_skew_after_its_expiry_even_after_a_purge()
    {
        var pat = await Host.IssueAsync(lifetime: TimeSpan.FromHours(1));
        await Host.Revocations.RevokeAsync(pat);

        // Past exp but within the skew the validator still accepts the token, so the entry must outlive exp.
        // A write after the purge interval sweeps everything the store thinks has ended.
        Host.Time.SetUtcNow(pat.ExpiresAt + TimeSpan.FromSeconds(20));
        await Host.Revocations.RevokeAsync("unrelated", Host.Time.GetUtcNow().AddHours(1));

        Assert.That((await Host.Validator.ValidateAsync(pat.Token)).Failure, Is.EqualTo(PatValidationFailure.Revoked));
    }

    [Test]
    public async Task A_revocation_made_after_expiry_but_within_the_clock_skew_is_kept()
    {
        var pat = await Host.IssueAsync(lifetime: TimeSpan.FromHours(1));
        Host.Time.SetUtcNow(pat.ExpiresAt + TimeSpan.FromSeconds(10));

        await Host.Revocations.RevokeAsync(pat);

        Assert.That((await Host.Validator.ValidateAsync(pat.Token)).Failure, Is.EqualTo(PatValidationFailure.Revoked));
    }

    [Test]
    public void Store_refuses_an_empty_token_id_or_subject()
    {
        Assert.ThrowsAsync<ArgumentException>(async () => await Host.Revocations.RevokeAsync("", Host.Time.GetUtcNow().AddHours(1)));
        Assert.ThrowsAsync<ArgumentException>(async () => await Host.Revocations.RevokeAllAsync("", Host.Time.GetUtcNow()));
    }

    [Test]
    public async Task Check_completes_synchronously()
    {
        var pat = (await Host.Validator.ValidateAsync((await Host.IssueAsync()).Token)).Pat!;

        var check = Host.Revocations.CheckAsync(pat);

        Assert.That(check.IsCompletedSuccessfully, Is.True);
        Assert.That(await check, Is.EqualTo(PatRevocationStatus.NotRevoked));
    }

    [TestCase(PatRevocationStatus.Unavailable, PatValidationFailure.RevocationUnavailable)]
    [TestCase(PatRevocationStatus.Revoked, PatValidationFailure.Revoked)]
    public async Task Validate_maps_a_store_answer_to_its_failure_even_when_the_store_answers_asynchronously(PatRevocationStatus status, PatValidationFailure expected)
    {
        using var host = TestHost.Create(build: b => b.Services.Replace(ServiceDescriptor.Singleton<IPatRevocationStore>(new ScriptedStore(status))));
        var pat = await host.IssueAsync();

        Assert.That((await host.Validator.ValidateAsync(pat.Token)).Failure, Is.EqualTo(expected));
    }

    [Test]
    public async Task Validate_fails_closed_when_the_store_throws()
    {
        using var host = TestHost.Create(build: b => b.UseRevocationStore<ThrowingStore>());
        var pat = await host.IssueAsync();

        Assert.That((await host.Validator.ValidateAsync(pat.Token)).Failure, Is.EqualTo(PatValidationFailure.RevocationUnavailable));
    }

    [Test]
    public async Task Validate_checks_revocation_before_required_scopes()
    {
        var pat = await Host.IssueAsync(scopes: ["repo:read"]);
        await Host.Revocations.RevokeAsync(pat);

        Assert.That((await Host.Validator.ValidateAsync(pat.Token, ["admin"])).Failure, Is.EqualTo(PatValidationFailure.Revoked));
    }

    private sealed class ScriptedStore(PatRevocationStatus answer) : IPatRevocationStore
    {
        public ValueTask RevokeAsync(string tokenId, DateTimeOffset expiresAt, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public ValueTask RevokeAllAsync(string subject, DateTimeOffset issuedAtOrBefore, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public async ValueTask<PatRevocationStatus> CheckAsync(ValidatedPat pat, CancellationToken cancellationToken = default)
        {
            await Task.Yield();
            return answer;
        }
    }

    private sealed class ThrowingStore : IPatRevocationStore
    {
        public ValueTask RevokeAsync(string tokenId, DateTimeOffset expiresAt, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public ValueTask RevokeAllAsync(string subject, DateTimeOffset issuedAtOrBefore, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public ValueTask<PatRevocationStatus> CheckAsync(ValidatedPat pat, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("connection lost");
    }
}
