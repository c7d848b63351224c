using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace PersonalAccessTokens.Cli.Tests;

/// <summary>keys new → a config using the key → issue → validate → inspect --json → jwks verifies the token.</summary>
public sealed class RoundTripTests
{
    [TestCase("ES256")]
    [TestCase("ES384")]
    [TestCase("RS256")]
    [TestCase("PS256")]
    [TestCase("HS256")]
    [TestCase("HS384")]
    [TestCase("HS512")]
    public async Task A_new_key_issues_a_token_that_validates_and_inspects(string algorithm)
    {
        using var pat = new Pat();
        var keys = await pat.RunAsync("keys", "new", "--alg", algorithm, "--kid", "k1");
        Assert.That(keys.ExitCode, Is.EqualTo(0), keys.Error);
        var lines = keys.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (algorithm.StartsWith("HS", StringComparison.Ordinal))
        {
            var variable = lines[0].Split('=', 2);
            Assert.That(variable[0], Is.EqualTo("PersonalAccessTokens__SigningKeys__0__Secret"));
            pat.Environment["PersonalAccessTokens__SigningKeys__0__Secret"] = variable[1];
            System.Environment.SetEnvironmentVariable(variable[0], variable[1]);
        }

        try
        {
            pat.WriteConfig(lines[^1]);

            var issued = await pat.RunAsync("issue", "--sub", "alice", "--scope", "repo:write", "--name", "ci", "--days", "7");
            Assert.That(issued.ExitCode, Is.EqualTo(0), issued.Error);
            var token = issued.Output.Trim();
            Assert.That(token, Does.StartWith("acme_pat_"));
            Assert.That(issued.Error, Does.Contain("repo:write"));

            var validated = await pat.RunAsync("validate", token, "--scope", "repo:read");
            Assert.That(validated.ExitCode, Is.EqualTo(0), validated.Output + validated.Error);
            Assert.That(validated.Output, Does.Contain("alice"));
            Assert.That(validated.Output + validated.Error, Does.Not.Contain(token));

            var inspected = await pat.RunAsync("inspect", token, "--json");
            using var json = JsonDocument.Parse(inspected.Output);
            Assert.That(json.RootElement.GetProperty("verified").GetBoolean(), Is.False);
            Assert.That(json.RootElement.GetProperty("prefix").GetString(), Is.EqualTo("acme_pat_"));
            Assert.That(json.RootElement.GetProperty("claims").GetProperty("sub").GetString(), Is.EqualTo("alice"));
            Assert.That(json.RootElement.GetProperty("header").GetProperty("alg").GetString(), Is.EqualTo(algorithm));

            var jwks = await pat.RunAsync("jwks");
            Assert.That(jwks.ExitCode, Is.EqualTo(0), jwks.Error);
            var set = new JsonWebKeySet(jwks.Output);
            if (algorithm.StartsWith("HS", StringComparison.Ordinal))
            {
                Assert.That(set.Keys, Is.Empty, "symmetric keys are never exported");
                return;
            }

            var result = await new JsonWebTokenHandler().ValidateTokenAsync(token["acme_pat_".Length..], new TokenValidationParameters
            {
                ValidIssuer = "https://issuer.example",
                ValidAudience = "https://api.example",
                IssuerSigningKeys = set.Keys,
                ValidTypes = ["pat+jwt"],
            });
            Assert.That(result.IsValid, Is.True, result.Exception?.Message);
        }
        finally
        {
            System.Environment.SetEnvironmentVariable("PersonalAccessTokens__SigningKeys__0__Secret", null);
        }
    }

    [Test]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task A_key_file_is_owner_only_and_never_overwritten_without_force()
    {
        using var pat = new Pat();

        var first = await pat.RunAsync("keys", "new", "--alg", "ES256", "--kid", "k1");
        var again = await pat.RunAsync("keys", "new", "--alg", "ES256", "--kid", "k1");
        var before = await File.ReadAllTextAsync(Path.Combine(pat.Folder, "k1.pem"));
        var forced = await pat.RunAsync("keys", "new", "--alg", "ES256", "--kid", "k1", "--force");

        Assert.That(first.ExitCode, Is.EqualTo(0));
        Assert.That(File.GetUnixFileMode(Path.Combine(pat.Folder, "k1.pem")), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
        Assert.That(again.ExitCode, Is.EqualTo(2));
        Assert.That(again.Error, Does.Contain("--force").And.Not.Contain("   at "));
        Assert.That(forced.ExitCode, Is.EqualTo(0));
        Assert.That(await File.ReadAllTextAsync(Path.Combine(pat.Folder, "k1.pem")), Is.Not.EqualTo(before));
    }
}
