using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using PersonalAccessTokens.Tests.Support;

namespace PersonalAccessTokens.Tests.Validation;

/// <summary>A refusal says what to fix, and which token it was once the signature verified; the failure values stay.</summary>
public sealed class PatValidatorRefusalMessageTests
{
    [Test]
    public async Task A_missing_prefix_names_the_prefix_expected()
    {
        using var host = TestHost.Create(o => o.TokenPrefix = "acme_pat_");
        var pat = await host.IssueAsync();

        var result = await host.Validator.ValidateAsync(pat.Token["acme_pat_".Length..]);

        Assert.That(result.Failure, Is.EqualTo(PatValidationFailure.InvalidPrefix));
        Assert.That(result.Message, Does.Contain("'acme_pat_'"));
    }

    [TestCase("\n")]
    [TestCase("\r\n")]
    [TestCase(" ")]
    public async Task A_token_with_trailing_whitespace_says_it_contains_whitespace(string trailing)
    {
        using var host = TestHost.Create();
        var pat = await host.IssueAsync();

        var result = await host.Validator.ValidateAsync(pat.Token + trailing);

        Assert.That(result.Failure, Is.EqualTo(PatValidationFailure.Malformed));
        Assert.That(result.Message, Does.Contain("contains whitespace"));
    }

    [Test]
    public async Task A_token_over_the_length_limit_says_so()
    {
        using var host = TestHost.Create(o => o.MaxTokenLength = 1000);

        var result = await host.Validator.ValidateAsync(new string('a', 1001));

        Assert.That(result.Failure, Is.EqualTo(PatValidationFailure.Malformed));
        Assert.That(result.Message, Does.Contain("MaxTokenLength (1000"));
    }

    [Test]
    public async Task Insufficient_scope_names_the_scope_missing()
    {
        using var host = TestHost.Create();
        var pat = await host.IssueAsync(scopes: ["repo:read"]);

        var result = await host.Validator.ValidateAsync(pat.Token, ["repo:read", "repo:write"]);

        Assert.That(result.Failure, Is.EqualTo(PatValidationFailure.InsufficientScope));
        Assert.That(result.Message, Is.EqualTo("The token lacks the required scope 'repo:write'."));
    }

    [Test]
    public async Task Insufficient_scope_says_when_the_required_scope_is_not_in_the_catalog_at_all()
    {
        using var host = TestHost.Create();
        var pat = await host.IssueAsync(scopes: ["repo:read"]);

        var result = await host.Validator.ValidateAsync(pat.Token, ["repo:raed"]);

        Assert.That(result.Failure, Is.EqualTo(PatValidationFailure.InsufficientScope));
        Assert.That(result.Message, Does.Contain("'repo:raed', which is not a registered scope"));
    }

    [Test]
    public async Task An_expired_token_is_refused_and_the_host_can_see_which_token_it_was()
    {
        using var host = TestHost.Create();
        var pat = await host.IssueAsync(name: "laptop", lifetime: TimeSpan.FromDays(1));
        host.Time.Advance(TimeSpan.FromDays(2));

        var result = await host.Validator.ValidateAsync(pat.Token);

        Assert.That(result.IsValid, Is.False);
        Assert.That(result.Pat, Is.Null);
        Assert.That(result.Failure, Is.EqualTo(PatValidationFailure.Expired));
        Assert.That(result.RejectedPat, Is.Not.Null);
        Assert.That(result.RejectedPat!.Id, Is.EqualTo(pat.Id));
        Assert.That(result.RejectedPat.Name, Is.EqualTo("laptop"));
        Assert.That(result.RejectedPat.ExpiresAt, Is.EqualTo(pat.ExpiresAt));
    }

    [Test]
    public async Task An_expired_token_already_in_the_cache_still_shows_which_token_it_was()
    {
        using var host = TestHost.Create();
        var pat = await host.IssueAsync(lifetime: TimeSpan.FromDays(1));
        Assert.That((await host.Validator.ValidateAsync(pat.Token)).IsValid, Is.True);
        host.Time.Advance(TimeSpan.FromDays(2));

        var result = await host.Validator.ValidateAsync(pat.Token);

        Assert.That(result.Failure, Is.EqualTo(PatValidationFailure.Expired));
        Assert.That(result.RejectedPat?.Id, Is.EqualTo(pat.Id));
    }

    [Test]
    public async Task Revoked_and_insufficient_scope_refusals_show_the_token_too()
    {
        using var host = TestHost.Create();
        var pat = await host.IssueAsync(scopes: ["repo:read"]);

        var lacking = await host.Validator.ValidateAsync(pat.Token, ["repo:write"]);
        await host.Revocations.RevokeAsync(pat);
        var revoked = await host.Validator.ValidateAsync(pat.Token);

        Assert.That(lacking.RejectedPat?.Id, Is.EqualTo(pat.Id));
        Assert.That(revoked.Failure, Is.EqualTo(PatValidationFailure.Revoked));
        Assert.That(revoked.RejectedPat?.Id, Is.EqualTo(pat.Id));
    }

    [Test]
    public async Task A_token_whose_signature_does_not_verify_shows_nothing_of_itself()
    {
        using var host = TestHost.Create();
        var pat = await host.IssueAsync();
        var forged = TokenForge.Sign(payload: TokenForge.Payload(), secret: new byte[32]);

        var result = await host.Validator.ValidateAsync(forged);

        Assert.That(result.Failure, Is.EqualTo(PatValidationFailure.InvalidSignature));
        Assert.That(result.RejectedPat, Is.Null);
        Assert.That(pat.Token, Is.Not.EqualTo(forged));
    }

    [Test]
    public async Task A_refusal_after_the_signature_verified_logs_the_token_id_and_subject()
    {
        var sink = new FakeLoggerProvider();
        using var host = TestHost.Create(build: b => b.Services.AddLogging(l => l.SetMinimumLevel(LogLevel.Information).AddProvider(sink)));
        var pat = await host.IssueAsync(subject: "alice", lifetime: TimeSpan.FromDays(1));
        host.Time.Advance(TimeSpan.FromDays(2));

        await host.Validator.ValidateAsync(pat.Token);

        Assert.That(sink.Collector.GetSnapshot().Select(r => r.Message), Has.Some.EqualTo($"Rejected personal access token {pat.Id} of alice: Expired."));
        Assert.That(sink.Collector.GetSnapshot().Select(r => r.Message), Has.None.Contains("(null)"));
    }

    [Test]
    public async Task A_refused_issue_logs_the_subject_it_was_for()
    {
        var sink = new FakeLoggerProvider();
        using var host = TestHost.Create(build: b => b.Services.AddLogging(l => l.SetMinimumLevel(LogLevel.Information).AddProvider(sink)));

        var result = await host.TokenIssuer.IssueAsync(new PatIssueRequest { Subject = "alice", Scopes = ["repo:nope"] });

        Assert.That(result.Error?.Code, Is.EqualTo(PatIssueErrorCode.UnknownScope));
        Assert.That(sink.Collector.GetSnapshot().Select(r => r.Message), Has.Some.EqualTo("Refused an issue request: UnknownScope (subject alice)."));
    }
}
