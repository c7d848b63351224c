using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using PersonalAccessTokens.Tests.Support;

namespace PersonalAccessTokens.Tests.DependencyInjection;

public sealed class PersonalAccessTokenOptionsValidatorTests
{
    private static string StartAndCollectErrors(Action<IServiceCollection> register)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        register(builder.Services);
        using var host = builder.Build();
        var error = Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        return error!.Message;
    }

    private static Action<IServiceCollection> Valid(Action<PersonalAccessTokenOptions> change, bool withKey = true) => services =>
    {
        var builder = services.AddPersonalAccessTokens(o =>
        {
            o.Issuer = TestHost.Issuer;
            o.Audience = TestHost.Audience;
            change(o);
        });
        if (withKey)
        {
            builder.AddSigningKey(TestHost.HmacKey(), SecurityAlgorithms.HmacSha256);
        }
    };

    [Test]
    public void Start_fails_without_an_issuer()
    {
        Assert.That(StartAndCollectErrors(Valid(o => o.Issuer = null)), Does.Contain("Issuer is required"));
    }

    [Test]
    public void Start_fails_without_an_audience()
    {
        Assert.That(StartAndCollectErrors(Valid(o => o.Audience = " ")), Does.Contain("Audience is required"));
    }

    [Test]
    public void Start_fails_without_a_signing_key()
    {
        Assert.That(StartAndCollectErrors(Valid(_ => { }, withKey: false)), Does.Contain("No signing key is configured"));
    }

    [Test]
    public void Start_fails_with_a_short_HMAC_key_from_configuration()
    {
        var message = StartAndCollectErrors(Valid(o => o.SigningKeys.Add(new PatSigningKeyOptions
        {
            KeyId = "short",
            Algorithm = "HS256",
            Secret = Convert.ToBase64String(new byte[16]),
        })));

        Assert.That(message, Does.Contain("'short' has 128 bits; it needs at least 256"));
    }

    [Test]
    public void Start_fails_with_an_RSA_key_under_2048_bits_from_PEM()
    {
        using var rsa = RSA.Create(1024);
        var message = StartAndCollectErrors(Valid(o => o.SigningKeys.Add(new PatSigningKeyOptions
        {
            KeyId = "weak-rsa",
            Algorithm = "RS256",
            Pem = rsa.ExportPkcs8PrivateKeyPem(),
        })));

        Assert.That(message, Does.Contain("'weak-rsa' has 1024 bits; RSA keys need at least 2048"));
    }

    [TestCase("acme-pat-")]
    [TestCase("acme pat")]
    [TestCase("acmé_")]
    [TestCase("")]
    public void Start_fails_with_a_prefix_outside_letters_digits_and_underscore(string prefix)
    {
        Assert.That(StartAndCollectErrors(Valid(o => o.TokenPrefix = prefix)), Does.Contain("TokenPrefix"));
    }

    [Test]
    public void Start_fails_with_a_negative_cache_size()
    {
        Assert.That(StartAndCollectErrors(Valid(o => o.ValidationCacheSize = -1)), Does.Contain("ValidationCacheSize is -1"));
    }

    [Test]
    public void Start_reports_every_problem_at_once()
    {
        var message = StartAndCollectErrors(Valid(o =>
        {
            o.Issuer = null;
            o.Audience = null;
            o.TokenPrefix = "no-dashes";
            o.DefaultLifetime = TimeSpan.FromDays(400);
        }, withKey: false));

        Assert.That(message, Does.Contain("Issuer").And.Contain("Audience").And.Contain("TokenPrefix").And.Contain("DefaultLifetime").And.Contain("No signing key"));
    }

    [Test]
    public void Start_fails_with_scopes_that_imply_an_unregistered_scope_or_conflict()
    {
        var message = StartAndCollectErrors(Valid(o =>
        {
            o.Scopes.Add(new PatScopeOptions { Name = "repo:write", Implies = ["repo:read"] });
            o.Scopes.Add(new PatScopeOptions { Name = "admin" });
            o.Scopes.Add(new PatScopeOptions { Name = "admin", MaxLifetime = TimeSpan.FromDays(1) });
            o.Scopes.Add(new PatScopeOptions { Name = "bad scope" });
        }));

        Assert.That(message, Does.Contain("implies 'repo:read', which is not registered"));
        Assert.That(message, Does.Contain("'admin' is registered twice with different definitions"));
        Assert.That(message, Does.Contain("'bad scope' is not an RFC 6749 scope-token"));
    }

    [Test]
    public void Start_fails_when_a_key_cannot_be_read_without_echoing_its_text()
    {
        var message = StartAndCollectErrors(Valid(o => o.SigningKeys.Add(new PatSigningKeyOptions
        {
            KeyId = "broken",
            Algorithm = "RS256",
            Pem = "-----BEGIN PRIVATE KEY-----\nc2VjcmV0LW1hdGVyaWFs\n-----END PRIVATE KEY-----",
        })));

        Assert.That(message, Does.Contain("'broken' could not be read"));
        Assert.That(message, Does.Not.Contain("c2VjcmV0LW1hdGVyaWFs"));
    }

    [Test]
    public void Resolving_the_validator_or_issuer_without_start_up_throws_OptionsValidationException()
    {
        var services = new ServiceCollection();
        services.AddPersonalAccessTokens(_ => { });
        using var provider = services.BuildServiceProvider();

        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IPatValidator>());
        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IPatIssuer>());
    }

    [Test]
    public async Task Start_succeeds_with_keys_and_scopes_from_configuration()
    {
        var pemPath = Path.Combine(Path.GetTempPath(), $"pat-test-{Guid.NewGuid():N}.pem");
        await File.WriteAllTextAsync(pemPath, TestKeys.P256.ExportPkcs8PrivateKeyPem());
        try
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["PersonalAccessTokens:Issuer"] = TestHost.Issuer,
                ["PersonalAccessTokens:Audience"] = TestHost.Audience,
                ["PersonalAccessTokens:TokenPrefix"] = "acme_pat_",
                ["PersonalAccessTokens:DefaultLifetime"] = "7.00:00:00",
                ["PersonalAccessTokens:SigningKeys:0:KeyId"] = "hmac",
                ["PersonalAccessTokens:SigningKeys:0:Algorithm"] = "HS256",
                ["PersonalAccessTokens:SigningKeys:0:Secret"] = Convert.ToBase64String(TestHost.HmacSecret),
                ["PersonalAccessTokens:SigningKeys:0:RetiresAt"] = "2026-12-01T00:00:00Z",
                ["PersonalAccessTokens:SigningKeys:1:KeyId"] = "ec",
                ["PersonalAccessTokens:SigningKeys:1:Algorithm"] = "ES256",
                ["PersonalAccessTokens:SigningKeys:1:PemFile"] = pemPath,
                ["PersonalAccessTokens:SigningKeys:1:ActivatesAt"] = "2026-11-30T00:00:00Z",
                ["PersonalAccessTokens:Scopes:0:Name"] = "repo:read",
                ["PersonalAccessTokens:Scopes:1:Name"] = "repo:write",
                ["PersonalAccessTokens:Scopes:1:Implies:0"] = "repo:read",
                ["PersonalAccessTokens:Scopes:1:MaxLifetime"] = "30.00:00:00",
            }).Build();
            var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(TestHost.Start);
            var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
            builder.Services.AddPersonalAccessTokens(configuration.GetSection("PersonalAccessTokens"));
            builder.Services.AddSingleton<TimeProvider>(time);
            using var host = builder.Build();
            await host.StartAsync();

            var issuer = host.Services.GetRequiredService<IPatIssuer>();
            var validator = host.Services.GetRequiredService<IPatValidator>();
            var first = (await issuer.IssueAsync(new PatIssueRequest { Subject = "alice", Scopes = ["repo:write"] })).Pat!;
            time.SetUtcNow(new DateTimeOffset(2026, 11, 30, 0, 0, 0, TimeSpan.Zero));
            var second = (await issuer.IssueAsync(new PatIssueRequest { Subject = "alice", Scopes = ["repo:write"] })).Pat!;

            Assert.That(first.KeyId, Is.EqualTo("hmac"));
            Assert.That(first.Token, Does.StartWith("acme_pat_"));
            Assert.That(first.ExpiresAt - first.IssuedAt, Is.EqualTo(TimeSpan.FromDays(7)));
            Assert.That(second.KeyId, Is.EqualTo("ec"));
            Assert.That((await validator.ValidateAsync(first.Token, ["repo:read"])).IsValid, Is.True);
            Assert.That((await validator.ValidateAsync(second.Token, ["repo:read"])).IsValid, Is.True);
            await host.StopAsync();
        }
        finally
        {
            File.Delete(pemPath);
        }
    }

    [TestCase(false)]
    [TestCase(true)]
    public void A_missing_or_empty_configuration_section_is_reported_first(bool sectionPresentButEmpty)
    {
        var values = new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Information" };
        if (sectionPresentButEmpty)
        {
            values["PersonalAccessTokens"] = string.Empty;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddPersonalAccessTokens(configuration.GetSection("PersonalAccessTokens"));
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IPatIssuer>());

        Assert.That(error!.Failures.First(), Is.EqualTo("PersonalAccessTokens: The configuration section 'PersonalAccessTokens' is missing or empty."));
        Assert.That(error.Failures, Has.Some.Contains("Issuer is required"));
    }

    [Test]
    public void A_present_section_with_a_problem_does_not_claim_the_section_is_missing()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["PersonalAccessTokens:Issuer"] = TestHost.Issuer,
        }).Build();
        var services = new ServiceCollection();
        services.AddPersonalAccessTokens(configuration.GetSection("PersonalAccessTokens"));
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IPatIssuer>());

        Assert.That(error!.Failures, Has.None.Contains("missing or empty"));
        Assert.That(error.Failures, Has.Some.Contains("Audience is required"));
    }

    [Test]
    public void A_missing_pem_file_is_named_with_the_path_looked_for()
    {
        var root = Directory.CreateTempSubdirectory().FullName;
        try
        {
            var error = Assert.ThrowsAsync<OptionsValidationException>(() => StartWithPemFileAsync(root, "keys/missing.pem"));

            Assert.That(error!.Failures, Has.Some.EndsWith(
                $"PersonalAccessTokens: The signing key 'ec' reads PemFile 'keys/missing.pem', which does not exist (looked for {Path.Combine(root, "keys", "missing.pem")})."));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Test]
    public async Task A_relative_pem_file_is_read_from_the_content_root_not_the_current_directory()
    {
        var root = Directory.CreateTempSubdirectory().FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(root, "keys"));
            using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            await File.WriteAllTextAsync(Path.Combine(root, "keys", "pat.pem"), ecdsa.ExportECPrivateKeyPem());
            Assert.That(File.Exists(Path.Combine(Environment.CurrentDirectory, "keys", "pat.pem")), Is.False);

            using var host = await StartWithPemFileAsync(root, "keys/pat.pem");
            var issued = await host.Services.GetRequiredService<IPatIssuer>().IssueAsync(new PatIssueRequest { Subject = "alice", Scopes = [] });

            Assert.That(issued.Pat?.KeyId, Is.EqualTo("ec"));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static async Task<IHost> StartWithPemFileAsync(string contentRoot, string pemFile)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = contentRoot });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["PersonalAccessTokens:Issuer"] = TestHost.Issuer,
            ["PersonalAccessTokens:Audience"] = TestHost.Audience,
            ["PersonalAccessTokens:SigningKeys:0:KeyId"] = "ec",
            ["PersonalAccessTokens:SigningKeys:0:Algorithm"] = "ES256",
            ["PersonalAccessTokens:SigningKeys:0:PemFile"] = pemFile,
        });
        builder.Services.AddPersonalAccessTokens(builder.Configuration.GetSection("PersonalAccessTokens"));
        var host = builder.Build();
        try
        {
            await host.StartAsync();
            return host;
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }
}
