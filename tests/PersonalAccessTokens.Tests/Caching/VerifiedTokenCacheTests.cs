using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;
using PersonalAccessTokens.Tests.Support;

namespace PersonalAccessTokens.Tests.Caching;

/// <summary>The verified-token cache must never change an answer: only skip work that cannot change it.</summary>
public sealed class VerifiedTokenCacheTests : HostFixture
{
    private PatValidator Validator => (PatValidator)Host.Validator;

    private async Task<IssuedPat> IssueAndCacheAsync(string[]? scopes = null, TimeSpan? lifetime = null)
    {
        var pat = await Host.IssueAsync(scopes: scopes, lifetime: lifetime);
        Assert.That((await Host.Validator.ValidateAsync(pat.Token)).IsValid, Is.True);
        Assert.That(Validator.CachedTokenCount, Is.GreaterThan(0), "the token is cached");
        return pat;
    }

    [Test]
    public async Task A_hit_returns_the_same_result_as_the_first_validation()
    {
        var pat = await IssueAndCacheAsync();

        var first = await Host.Validator.ValidateAsync(pat.Token);
        var second = await Host.Validator.ValidateAsync(pat.Token);

        Assert.That(second, Is.SameAs(first));
        Assert.That(second.Pat!.Id, Is.EqualTo(pat.Id));
    }

    [Test]
    public async Task A_cached_signature_under_a_changed_payload_misses_and_fails()
    {
        var pat = await IssueAndCacheAsync();
        var parts = pat.Token.Split('.');
        var otherPayload = (await Host.IssueAsync(subject: "mallory")).Token.Split('.')[1];

        var result = await Host.Validator.ValidateAsync($"{parts[0]}.{otherPayload}.{parts[2]}");

        Assert.That(result.Failure, Is.EqualTo(PatValidationFailure.InvalidSignature));
    }

    [Test]
    public async Task A_cached_signature_under_a_changed_header_misses_and_fails()
    {
        var pat = await IssueAndCacheAsync();
        var parts = pat.Token.Split('.');
        var header = TokenForge.Encode("""{"alg":"HS256","kid":"hmac-1","typ":"pat+jwt","x":1}""");

        var result = await Host.Validator.ValidateAsync($"{header}.{parts[1]}.{parts[2]}");

        Assert.That(result.Failure, Is.EqualTo(PatValidationFailure.InvalidSignature));
    }

    [Test]
    public async Task A_revoked_token_fails_on_the_very_next_call_after_a_hit()
    {
        var pat = await IssueAndCacheAsync();

        await Host.Revocations.RevokeAsync(pat);

        Assert.That((await Host.Validator.ValidateAsync(pat.Token)).Failure, Is.EqualTo(PatValidationFailure.Revoked));
    }

    [Test]
    public async Task RevokeAll_fails_a_cached_token_on_the_next_call()
    {
        var pat = await IssueAndCacheAsync();

        await Host.Revocations.RevokeAllAsync(pat.Subject, Host.Time.GetUtcNow());

        Assert.That((await Host.Validator.ValidateAsync(pat.Token)).Failure, Is.EqualTo(PatValidationFailure.Revoked));
    }

    [Test]
    public async Task A_cached_token_expires_on_time()
    {
        var pat = await IssueAndCacheAsync(lifetime: TimeSpan.FromHours(1));

        Host.Time.SetUtcNow(pat.ExpiresAt + TimeSpan.FromSeconds(30));

        Assert.That((await Host.Validator.ValidateAsync(pat.Token)).Failure, Is.EqualTo(PatValidationFailure.Expired));
        Assert.That(Validator.CachedTokenCount, Is.Zero, "an expired token is dropped");
    }

    [Test]
    public async Task A_cached_token_whose_key_retires_fails_with_UnknownKey()
    {
        var retirement = TestHost.Start.AddDays(1);
        using var host = TestHost.Create(addDefaultKey: false, build: b => b.AddSigningKey(TestHost.HmacKey(), SecurityAlgorithms.HmacSha256, activatesAt: null, retiresAt: retirement));
        var pat = await host.IssueAsync();
        Assert.That((await host.Validator.ValidateAsync(pat.Token)).IsValid, Is.True);

        host.Time.SetUtcNow(retirement);

        Assert.That((await host.Validator.ValidateAsync(pat.Token)).Failure, Is.EqualTo(PatValidationFailure.UnknownKey));
    }

    [Test]
    public async Task A_new_key_ring_invalidates_cached_tokens()
    {
        using var host = TestHost.Create(addDefaultKey: false, build: b => b.UseSigningKeyProvider<SwitchableKeys>());
        var keys = (SwitchableKeys)host.Provider.GetRequiredService<IPatSigningKeyProvider>();
        var pat = await host.IssueAsync();
        Assert.That((await host.Validator.ValidateAsync(pat.Token)).IsValid, Is.True);

        keys.Keys = [new PatSigningKey(TestHost.HmacKey("other", [.. Enumerable.Repeat((byte)3, 32)]), SecurityAlgorithms.HmacSha256)];

        Assert.That((await host.Validator.ValidateAsync(pat.Token)).Failure, Is.EqualTo(PatValidationFailure.UnknownKey));
    }

    [Test]
    public async Task A_token_verified_again_after_a_ring_change_is_cached_again()
    {
        using var host = TestHost.Create(addDefaultKey: false, build: b => b.UseSigningKeyProvider<SwitchableKeys>());
        var keys = (SwitchableKeys)host.Provider.GetRequiredService<IPatSigningKeyProvider>();
        var validator = (PatValidator)host.Validator;
        var pat = await host.IssueAsync();
        var before = await validator.ValidateAsync(pat.Token);

        keys.Keys = [.. keys.Keys]; // Same keys, new list: the ring is rebuilt.
        var after = await validator.ValidateAsync(pat.Token);
        var hit = await validator.ValidateAsync(pat.Token);

        Assert.That(after, Is.Not.SameAs(before), "verified again against the new ring");
        Assert.That(hit, Is.SameAs(after), "and cached again");
    }

    [Test]
    public async Task A_tightened_scope_policy_applies_to_cached_tokens()
    {
        var policy = new AdjustablePolicy();
        using var host = TestHost.Create(build: b => b.Services.AddSingleton<IPatScopePolicy>(policy));
        var pat = await host.IssueAsync(lifetime: TimeSpan.FromDays(10));
        Assert.That((await host.Validator.ValidateAsync(pat.Token)).IsValid, Is.True);

        policy.MaxLifetime = TimeSpan.FromDays(5);

        Assert.That((await host.Validator.ValidateAsync(pat.Token)).Failure, Is.EqualTo(PatValidationFailure.LifetimeExceeded));
    }

    [Test]
    public async Task Required_scopes_are_checked_on_every_hit()
    {
        var pat = await IssueAndCacheAsync(scopes: ["repo:read"]);

        Assert.That((await Host.Validator.ValidateAsync(pat.Token, ["admin"])).Failure, Is.EqualTo(PatValidationFailure.InsufficientScope));
        Assert.That((await Host.Validator.ValidateAsync(pat.Token, ["repo:read"])).IsValid, Is.True);
    }

    [Test]
    public async Task Invalid_tokens_are_never_cached()
    {
        var pat = await Host.IssueAsync();
        for (var i = 0; i < 100; i++)
        {
            await Host.Validator.ValidateAsync(pat.Token[..^2] + (i % 2 == 0 ? "AA" : "AB"));
            await Host.Validator.ValidateAsync(TokenForge.Sign(payload: TokenForge.Payload(iss: $"\"https://other-{i}\"")));
        }

        Assert.That(Validator.CachedTokenCount, Is.Zero);
    }

    [Test]
    public async Task The_cache_never_holds_more_than_its_size()
    {
        using var host = TestHost.Create(o => o.ValidationCacheSize = 10);
        var validator = (PatValidator)host.Validator;
        var tokens = new List<IssuedPat>();
        for (var i = 0; i < 50; i++)
        {
            var pat = await host.IssueAsync(subject: $"user-{i}");
            tokens.Add(pat);
            Assert.That((await validator.ValidateAsync(pat.Token)).IsValid, Is.True);
            Assert.That(validator.CachedTokenCount, Is.LessThanOrEqualTo(10));
        }

        // Evicted tokens still validate; they are just verified again.
        Assert.That((await validator.ValidateAsync(tokens[0].Token)).IsValid, Is.True);
    }

    [Test]
    public async Task Size_zero_turns_the_cache_off()
    {
        using var host = TestHost.Create(o => o.ValidationCacheSize = 0);
        var pat = await host.IssueAsync();

        var first = await host.Validator.ValidateAsync(pat.Token);
        var second = await host.Validator.ValidateAsync(pat.Token);

        Assert.That(second.IsValid, Is.True);
        Assert.That(second, Is.Not.SameAs(first));
        Assert.That(((PatValidator)host.Validator).CachedTokenCount, Is.Zero);
    }

    [Test]
    public async Task A_hit_allocates_nothing_on_either_overload()
    {
        var pat = await IssueAndCacheAsync(scopes: ["repo:write"]);
        string[] required = ["repo:read"];
        var requiredList = new List<string> { "repo:read" };
        for (var i = 0; i < 100; i++)
        {
            Warm(Host.Validator.ValidateAsync(pat.Token));
            Warm(Host.Validator.ValidateAsync(pat.Token, required));
            Warm(Host.Validator.ValidateAsync(pat.Token, requiredList));
        }

        var failures = 0;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1_000; i++)
        {
            failures += Warm(Host.Validator.ValidateAsync(pat.Token));
            failures += Warm(Host.Validator.ValidateAsync(pat.Token, required));
            failures += Warm(Host.Validator.ValidateAsync(pat.Token, requiredList));
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.That(failures, Is.Zero);
        Assert.That(allocated, Is.Zero);

        // No assertions inside the measured loop: NUnit's constraints allocate.
        static int Warm(ValueTask<PatValidationResult> validation) =>
            validation.IsCompletedSuccessfully && validation.Result.IsValid ? 0 : 1;
    }

    [Test]
    public async Task A_cached_token_inside_a_header_is_found_where_it_lies_and_allocates_nothing()
    {
        var pat = await IssueAndCacheAsync(scopes: ["repo:write"]);
        var header = $"Bearer {pat.Token}";
        var token = header.AsMemory("Bearer ".Length);
        string[] required = ["repo:read"];
        var first = await Host.Validator.ValidateAsync(pat.Token, required);
        for (var i = 0; i < 100; i++)
        {
            Warm(Host.Validator.ValidateAsync(token, required));
        }

        var failures = 0;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1_000; i++)
        {
            failures += Warm(Host.Validator.ValidateAsync(token, required));
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.That(failures, Is.Zero);
        Assert.That(allocated, Is.Zero, "a copy of the token would be about 2 bytes a character");
        Assert.That(await Host.Validator.ValidateAsync(token, required), Is.SameAs(first), "the cached result");

        static int Warm(ValueTask<PatValidationResult> validation) =>
            validation.IsCompletedSuccessfully && validation.Result.IsValid ? 0 : 1;
    }

    [Test]
    public async Task A_new_token_inside_a_header_is_verified_in_full_and_then_cached()
    {
        var pat = await Host.IssueAsync();
        var header = $"Bearer {pat.Token} ";

        var first = await Host.Validator.ValidateAsync(header.AsMemory(7, pat.Token.Length), []);
        var again = await Host.Validator.ValidateAsync(pat.Token);
        var shortened = await Host.Validator.ValidateAsync(header.AsMemory(7, pat.Token.Length - 1), []);
        var trailingSpace = await Host.Validator.ValidateAsync(header.AsMemory(7), []);

        Assert.That(first.IsValid, Is.True);
        Assert.That(first.Pat!.Id, Is.EqualTo(pat.Id));
        Assert.That(again, Is.SameAs(first), "cached under the token's text");
        Assert.That(shortened.Failure, Is.EqualTo(PatValidationFailure.Malformed), "a prefix of a cached token is not found as it");
        Assert.That(trailingSpace.Failure, Is.EqualTo(PatValidationFailure.Malformed));
        Assert.That(await Host.Validator.ValidateAsync(ReadOnlyMemory<char>.Empty, []), Has.Property(nameof(PatValidationResult.Failure)).EqualTo(PatValidationFailure.Malformed));
    }

    [Test]
    public async Task A_validator_without_the_memory_overload_gets_the_token_as_a_string()
    {
        var pat = await Host.IssueAsync();
        var custom = new StringOnlyValidator(Host.Validator);

        var result = await ((IPatValidator)custom).ValidateAsync($"Bearer {pat.Token}".AsMemory(7), ["repo:read"]);

        Assert.That(custom.Received, Is.EqualTo(pat.Token));
        Assert.That(result.IsValid, Is.True);
    }

    private sealed class SwitchableKeys : IPatSigningKeyProvider
    {
        public IReadOnlyList<PatSigningKey> Keys { get; set; } = [new PatSigningKey(TestHost.HmacKey(), SecurityAlgorithms.HmacSha256)];

        public IReadOnlyList<PatSigningKey> GetSigningKeys() => Keys;
    }

    private sealed class AdjustablePolicy : IPatScopePolicy
    {
        public TimeSpan? MaxLifetime { get; set; }

        public ValueTask<PatIssueError?> CheckIssueAsync(PatIssueContext context, CancellationToken cancellationToken = default) => new((PatIssueError?)null);

        public TimeSpan? GetMaxLifetime(IReadOnlyCollection<string> scopes) => MaxLifetime;

        public bool IsGranted(IReadOnlySet<string> grantedScopes, string requiredScope) => grantedScopes.Contains(requiredScope);
    }

    /// <summary>A validator written before the memory overload existed: it implements only the string ones.</summary>
    private sealed class StringOnlyValidator(IPatValidator inner) : IPatValidator
    {
        public string? Received { get; private set; }

        public ValueTask<PatValidationResult> ValidateAsync(string token, CancellationToken cancellationToken = default) =>
            ValidateAsync(token, [], cancellationToken);

        public ValueTask<PatValidationResult> ValidateAsync(string token, IReadOnlyCollection<string> requiredScopes, CancellationToken cancellationToken = default)
        {
            Received = token;
            return inner.ValidateAsync(token, requiredScopes, cancellationToken);
        }
    }
}
