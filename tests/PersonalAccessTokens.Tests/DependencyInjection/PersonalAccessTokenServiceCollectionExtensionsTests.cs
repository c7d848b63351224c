using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.Tokens;
using PersonalAccessTokens.Tests.Support;

namespace PersonalAccessTokens.Tests.DependencyInjection;

public sealed class PersonalAccessTokenServiceCollectionExtensionsTests
{
    private static void Configure(PersonalAccessTokenOptions options)
    {
        options.Issuer = TestHost.Issuer;
        options.Audience = TestHost.Audience;
    }

    [Test]
    public void Calling_AddPersonalAccessTokens_twice_registers_each_service_once()
    {
        var services = new ServiceCollection();
        services.AddPersonalAccessTokens(Configure);
        var once = services.Select(d => d.ServiceType).ToList();

        services.AddPersonalAccessTokens(Configure);
        var twice = services.Select(d => d.ServiceType).ToList();

        foreach (var type in new[] { typeof(IPatIssuer), typeof(IPatValidator), typeof(IPatRevocationStore), typeof(IPatScopePolicy), typeof(IPatSigningKeyProvider), typeof(TimeProvider), typeof(IValidateOptions<PersonalAccessTokenOptions>) })
        {
            Assert.That(twice.Count(t => t == type), Is.EqualTo(1), type.Name);
        }

        // Only the second configure action is new.
        Assert.That(twice.Count - once.Count, Is.EqualTo(1));
    }

    [Test]
    public async Task Binding_the_same_configuration_twice_does_not_duplicate_keys_or_scopes()
    {
        var section = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Issuer"] = TestHost.Issuer,
            ["Audience"] = TestHost.Audience,
            ["SigningKeys:0:KeyId"] = "hmac",
            ["SigningKeys:0:Algorithm"] = "HS256",
            ["SigningKeys:0:Secret"] = Convert.ToBase64String(TestHost.HmacSecret),
            ["Scopes:0:Name"] = "repo:read",
        }).Build();
        var services = new ServiceCollection();
        services.AddPersonalAccessTokens(section);
        services.AddPersonalAccessTokens(section);
        await using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<PersonalAccessTokenOptions>>().Value;
        var issued = await provider.GetRequiredService<IPatIssuer>().IssueAsync(new PatIssueRequest { Subject = "alice", Scopes = ["repo:read"] });

        Assert.That(options.SigningKeys, Has.Count.EqualTo(2), "the binder appends");
        Assert.That(provider.GetRequiredService<IPatSigningKeyProvider>().GetSigningKeys(), Has.Count.EqualTo(1));
        Assert.That(issued.Succeeded, Is.True);
    }

    [Test]
    public async Task A_TimeProvider_registered_before_AddPersonalAccessTokens_wins()
    {
        var fake = new FakeTimeProvider(TestHost.Start);
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(fake);
        services.AddPersonalAccessTokens(Configure).AddSigningKey(TestHost.HmacKey(), SecurityAlgorithms.HmacSha256);
        await using var provider = services.BuildServiceProvider();

        var pat = (await provider.GetRequiredService<IPatIssuer>().IssueAsync(new PatIssueRequest { Subject = "alice" })).Pat!;

        Assert.That(pat.IssuedAt, Is.EqualTo(TestHost.Start));
    }

    [Test]
    public async Task A_TimeProvider_registered_after_AddPersonalAccessTokens_wins()
    {
        var fake = new FakeTimeProvider(TestHost.Start);
        var services = new ServiceCollection();
        services.AddPersonalAccessTokens(Configure).AddSigningKey(TestHost.HmacKey(), SecurityAlgorithms.HmacSha256);
        services.AddSingleton<TimeProvider>(fake);
        await using var provider = services.BuildServiceProvider();

        var pat = (await provider.GetRequiredService<IPatIssuer>().IssueAsync(new PatIssueRequest { Subject = "alice" })).Pat!;

        Assert.That(pat.IssuedAt, Is.EqualTo(TestHost.Start));
    }

    [Test]
    public void System_TimeProvider_is_the_default()
    {
        var services = new ServiceCollection();
        services.AddPersonalAccessTokens(Configure);
        using var provider = services.BuildServiceProvider();

        Assert.That(provider.GetRequiredService<TimeProvider>(), Is.SameAs(TimeProvider.System));
    }

    [Test]
    public void Use_methods_replace_the_defaults()
    {
        var services = new ServiceCollection();
        services.AddPersonalAccessTokens(Configure)
            .UseRevocationStore<NullStore>()
            .UseScopePolicy<NullPolicy>()
            .UseSigningKeyProvider<NullKeys>();

        Assert.That(services.Single(d => d.ServiceType == typeof(IPatRevocationStore)).ImplementationType, Is.EqualTo(typeof(NullStore)));
        Assert.That(services.Single(d => d.ServiceType == typeof(IPatScopePolicy)).ImplementationType, Is.EqualTo(typeof(NullPolicy)));
        Assert.That(services.Single(d => d.ServiceType == typeof(IPatSigningKeyProvider)).ImplementationType, Is.EqualTo(typeof(NullKeys)));
    }

    [Test]
    public void AddScope_refuses_a_name_that_is_not_a_scope_token()
    {
        var builder = new ServiceCollection().AddPersonalAccessTokens(Configure);

        Assert.Throws<ArgumentException>(() => builder.AddScope("repo read"));
        Assert.Throws<ArgumentException>(() => builder.AddScope("repo:write", implies: ["repo\"read"]));
        Assert.Throws<ArgumentException>(() => builder.AddScope("admin", implies: [], maxLifetime: TimeSpan.Zero));
    }

    [Test]
    public void Arguments_are_guarded()
    {
        var services = new ServiceCollection();

        Assert.Throws<ArgumentNullException>(() => services.AddPersonalAccessTokens((Action<PersonalAccessTokenOptions>)null!));
        Assert.Throws<ArgumentNullException>(() => services.AddPersonalAccessTokens((IConfiguration)null!));
        Assert.Throws<ArgumentNullException>(() => ((IServiceCollection)null!).AddPersonalAccessTokens());
    }

    private sealed class NullStore : IPatRevocationStore
    {
        public ValueTask RevokeAsync(string tokenId, DateTimeOffset expiresAt, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public ValueTask RevokeAllAsync(string subject, DateTimeOffset issuedAtOrBefore, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public ValueTask<PatRevocationStatus> CheckAsync(ValidatedPat pat, CancellationToken cancellationToken = default) => new(PatRevocationStatus.NotRevoked);
    }

    private sealed class NullPolicy : IPatScopePolicy
    {
        public ValueTask<PatIssueError?> CheckIssueAsync(PatIssueContext context, CancellationToken cancellationToken = default) => new((PatIssueError?)null);

        public TimeSpan? GetMaxLifetime(IReadOnlyCollection<string> scopes) => null;

        public bool IsGranted(IReadOnlySet<string> grantedScopes, string requiredScope) => false;
    }

    private sealed class NullKeys : IPatSigningKeyProvider
    {
        public IReadOnlyList<PatSigningKey> GetSigningKeys() => [];
    }
}
