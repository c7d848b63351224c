using PersonalAccessTokens.Tests.Support;

namespace PersonalAccessTokens.Tests.Issuing;

/// <summary>A token derives a child that is narrower, shorter, no deeper than allowed, and dies with any ancestor.</summary>
public sealed class PatIssuerDerivationTests
{
    private static async Task<ValidatedPat> ValidatedAsync(TestHost host, IssuedPat pat)
    {
        var result = await host.Validator.ValidateAsync(pat.Token);
        Assert.That(result.IsValid, Is.True, result.Message);
        return result.Pat!;
    }

    private static async Task<IssuedPat> DeriveAsync(TestHost host, IssuedPat parent, string[]? scopes = null, TimeSpan? lifetime = null)
    {
        var result = await host.TokenIssuer.DeriveAsync(await ValidatedAsync(host, parent), new PatDeriveRequest { Scopes = scopes ?? ["repo:read"], Lifetime = lifetime, Name = "ci" });
        Assert.That(result.Succeeded, Is.True, () => result.Error!.Message);
        return result.Pat!;
    }

    [Test]
    public async Task A_repo_write_parent_derives_repo_read_for_the_same_user_naming_its_ancestry()
    {
        using var host = TestHost.Create();
        var parent = await host.IssueAsync(subject: "alice", scopes: ["repo:write"]);

        var child = await DeriveAsync(host, parent);
        var validated = await host.Validator.ValidateAsync(child.Token, ["repo:read"]);

        Assert.That(validated.IsValid, Is.True, validated.Message);
        Assert.That(validated.Pat!.Subject, Is.EqualTo("alice"));
        Assert.That(validated.Pat.Scopes, Is.EquivalentTo(new[] { "repo:read" }));
        Assert.That(validated.Pat.ParentId, Is.EqualTo(parent.Id));
        Assert.That(validated.Pat.AncestorIds, Is.EqualTo(new[] { parent.Id }));
        Assert.That(validated.Pat.Name, Is.EqualTo("ci"));
        Assert.That((await host.Validator.ValidateAsync(child.Token, ["repo:write"])).Failure, Is.EqualTo(PatValidationFailure.InsufficientScope));
    }

    [Test]
    public async Task A_repo_read_parent_may_not_derive_repo_write()
    {
        using var host = TestHost.Create();
        var parent = await ValidatedAsync(host, await host.IssueAsync(scopes: ["repo:read"]));

        var result = await host.TokenIssuer.DeriveAsync(parent, new PatDeriveRequest { Scopes = ["repo:write"] });

        Assert.That(result.Error?.Code, Is.EqualTo(PatIssueErrorCode.ScopeNotGranted));
        Assert.That(result.Error!.Message, Does.Contain("'repo:write'"));
    }

    [Test]
    public async Task A_child_lives_an_hour_by_default_and_never_past_its_parent()
    {
        using var host = TestHost.Create();
        var parent = await host.IssueAsync(scopes: ["repo:read"], lifetime: TimeSpan.FromDays(1));

        var byDefault = await DeriveAsync(host, parent);
        host.Time.Advance(TimeSpan.FromDays(1) - TimeSpan.FromMinutes(20));
        var shortened = await DeriveAsync(host, parent);
        var tooLong = await host.TokenIssuer.DeriveAsync(await ValidatedAsync(host, parent), new PatDeriveRequest { Scopes = [], Lifetime = TimeSpan.FromMinutes(21) });

        Assert.That(byDefault.ExpiresAt - byDefault.IssuedAt, Is.EqualTo(TimeSpan.FromHours(1)));
        Assert.That(shortened.ExpiresAt, Is.EqualTo(parent.ExpiresAt), "20 minutes left: the default is shortened to the parent's end");
        Assert.That(tooLong.Error?.Code, Is.EqualTo(PatIssueErrorCode.LifetimeTooLong));
        Assert.That(tooLong.Error!.Message, Does.Contain(parent.ExpiresAt.ToString("O")));
    }

    [Test]
    public async Task The_default_derived_lifetime_is_an_option()
    {
        using var host = TestHost.Create(o => o.DefaultDerivedLifetime = TimeSpan.FromMinutes(10));
        var parent = await host.IssueAsync(scopes: ["repo:read"]);

        var child = await DeriveAsync(host, parent);

        Assert.That(child.ExpiresAt - child.IssuedAt, Is.EqualTo(TimeSpan.FromMinutes(10)));
    }

    [Test]
    public async Task Derivation_stops_at_the_maximum_depth()
    {
        using var host = TestHost.Create();
        var parent = await host.IssueAsync(scopes: ["repo:read"]);
        var child = await DeriveAsync(host, parent);
        var grandchild = await DeriveAsync(host, child);

        var tooDeep = await host.TokenIssuer.DeriveAsync(await ValidatedAsync(host, grandchild), new PatDeriveRequest { Scopes = ["repo:read"] });

        Assert.That((await ValidatedAsync(host, grandchild)).AncestorIds, Is.EqualTo(new[] { child.Id, parent.Id }));
        Assert.That(tooDeep.Error?.Code, Is.EqualTo(PatIssueErrorCode.DerivationTooDeep));
    }

    [Test]
    public async Task A_depth_of_zero_turns_derivation_off()
    {
        using var host = TestHost.Create(o => o.MaxDerivationDepth = 0);
        var parent = await ValidatedAsync(host, await host.IssueAsync());

        var result = await host.TokenIssuer.DeriveAsync(parent, new PatDeriveRequest { Scopes = [] });

        Assert.That(result.Error?.Code, Is.EqualTo(PatIssueErrorCode.DerivationTooDeep));
    }

    [Test]
    public async Task A_child_is_held_to_the_catalogs_lifetime_caps_too()
    {
        using var host = TestHost.Create(o => o.DefaultDerivedLifetime = TimeSpan.FromDays(10));
        var parent = await host.IssueAsync(scopes: ["admin"], lifetime: TimeSpan.FromDays(7));
        host.Time.Advance(TimeSpan.FromDays(1));

        var child = await DeriveAsync(host, parent, scopes: ["admin"]);

        Assert.That(child.ExpiresAt, Is.EqualTo(parent.ExpiresAt));
        Assert.That(child.ExpiresAt - child.IssuedAt, Is.LessThanOrEqualTo(TimeSpan.FromDays(7)));
    }

    [Test]
    public async Task Revoking_any_ancestor_or_all_of_the_users_tokens_revokes_a_cached_child()
    {
        foreach (var revoke in new Func<TestHost, IssuedPat, IssuedPat, Task>[]
        {
            (host, parent, _) => host.Revocations.RevokeAsync(parent).AsTask(),
            (host, _, child) => host.Revocations.RevokeAsync(child).AsTask(),
            (host, _, _) => host.Revocations.RevokeAllAsync("alice", host.Time.GetUtcNow()).AsTask(),
        })
        {
            using var host = TestHost.Create();
            var parent = await host.IssueAsync(scopes: ["repo:read"]);
            var child = await DeriveAsync(host, parent);
            var grandchild = await DeriveAsync(host, child);
            Assert.That((await host.Validator.ValidateAsync(grandchild.Token)).IsValid, Is.True, "cached now");

            await revoke(host, parent, child);

            Assert.That((await host.Validator.ValidateAsync(grandchild.Token)).Failure, Is.EqualTo(PatValidationFailure.Revoked));
        }
    }

    [Test]
    public async Task An_ordinary_token_has_no_parent()
    {
        using var host = TestHost.Create();
        var pat = await ValidatedAsync(host, await host.IssueAsync());

        Assert.That(pat.ParentId, Is.Null);
        Assert.That(pat.AncestorIds, Is.Empty);
    }
}
