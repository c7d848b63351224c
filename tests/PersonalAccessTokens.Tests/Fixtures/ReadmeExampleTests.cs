using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using PersonalAccessTokens.Tests.Support;

namespace PersonalAccessTokens.Tests.Fixtures;

/// <summary>The README shows these files verbatim (.ci/check-readme checks that); these tests check they are true.</summary>
public sealed class ReadmeExampleTests
{
    private static string Fixture(string name) => Path.Combine(TestContext.CurrentContext.TestDirectory, "Fixtures", name);

    [Test]
    public async Task The_published_scanner_regex_finds_every_prefixed_token_and_nothing_else()
    {
        var regex = new Regex((await File.ReadAllTextAsync(Fixture("token-regex.txt"))).Trim(), RegexOptions.None, TimeSpan.FromSeconds(1));
        using var host = TestHost.Create(o => o.TokenPrefix = "acme_pat_");

        for (var i = 0; i < 50; i++)
        {
            var pat = await host.IssueAsync(subject: $"user-{i}", name: i % 2 == 0 ? "ci" : null);
            var leak = $"export TOKEN={pat.Token} # pasted into a log";
            Assert.That(regex.Match(leak).Value, Is.EqualTo(pat.Token));
        }

        Assert.That(regex.IsMatch("xacme_pat_eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln"), Is.False, "the prefix must start a word");
        Assert.That(regex.IsMatch("other_pat_eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln"), Is.False);
    }

    [Test]
    public async Task The_key_rotation_configuration_binds_starts_and_rotates_on_the_stated_date()
    {
        var current = Path.GetTempFileName();
        var next = Path.GetTempFileName();
        await File.WriteAllTextAsync(current, TestKeys.P256.ExportPkcs8PrivateKeyPem());
        await File.WriteAllTextAsync(next, System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256).ExportPkcs8PrivateKeyPem());
        try
        {
            var configuration = new ConfigurationBuilder()
                .AddJsonFile(Fixture("appsettings.rotation.json"))
                .AddInMemoryCollection(new Dictionary<string, string?>
                {
                    // Only the file locations differ from the README.
                    ["PersonalAccessTokens:SigningKeys:0:PemFile"] = current,
                    ["PersonalAccessTokens:SigningKeys:1:PemFile"] = next,
                })
                .Build();
            var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 31, 23, 0, 0, TimeSpan.Zero));
            var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
            builder.Services.AddSingleton<TimeProvider>(time);
            builder.Services.AddPersonalAccessTokens(configuration.GetSection("PersonalAccessTokens"));
            using var host = builder.Build();
            await host.StartAsync();
            var issuer = host.Services.GetRequiredService<IPatIssuer>();
            var validator = host.Services.GetRequiredService<IPatValidator>();

            var old = (await issuer.IssueAsync(new PatIssueRequest { Subject = "alice", Lifetime = TimeSpan.FromDays(366) })).Pat!;
            time.SetUtcNow(new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero));
            var fresh = (await issuer.IssueAsync(new PatIssueRequest { Subject = "alice" })).Pat!;

            Assert.That(old.KeyId, Is.EqualTo("2026-11"));
            Assert.That(fresh.KeyId, Is.EqualTo("2027-01"));
            time.SetUtcNow(old.ExpiresAt.AddSeconds(-1));
            Assert.That((await validator.ValidateAsync(old.Token)).IsValid, Is.True, "the old key outlives its last token");
            await host.StopAsync();
        }
        finally
        {
            File.Delete(current);
            File.Delete(next);
        }
    }
}
