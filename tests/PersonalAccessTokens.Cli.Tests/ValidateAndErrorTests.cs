namespace PersonalAccessTokens.Cli.Tests;

/// <summary>validate says why a token fails, and every mistake is one line with its exit code and no stack trace.</summary>
public sealed class ValidateAndErrorTests
{
    private static async Task<(Pat Pat, string Token)> IssuedAsync(int? days = null)
    {
        var pat = new Pat();
        var keys = await pat.RunAsync("keys", "new", "--alg", "ES256", "--kid", "k1");
        pat.WriteConfig(keys.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1]);
        string[] args = days is { } d ? ["issue", "--sub", "alice", "--scope", "repo:read", "--days", $"{d}"] : ["issue", "--sub", "alice", "--scope", "repo:read"];
        var issued = await pat.RunAsync(args);
        Assert.That(issued.ExitCode, Is.EqualTo(0), issued.Error);
        return (pat, issued.Output.Trim());
    }

    private static void AssertOneLine(Pat.Run run, int exitCode, string contains)
    {
        Assert.That(run.ExitCode, Is.EqualTo(exitCode), run.Output + run.Error);
        Assert.That(run.Error.TrimEnd().Split('\n'), Has.Length.EqualTo(1), run.Error);
        Assert.That(run.Error, Does.Contain(contains).And.Not.Contain("   at "));
    }

    [Test]
    public async Task A_missing_scope_a_wrong_prefix_and_a_tampered_signature_exit_1_naming_the_failure()
    {
        var (pat, token) = await IssuedAsync();
        using var _ = pat;
        var tampered = token[..^2] + (token[^2] == 'A' ? "B" : "A") + token[^1];

        var lacking = await pat.RunAsync("validate", token, "--scope", "repo:write");
        var unprefixed = await pat.RunAsync("validate", token["acme_pat_".Length..]);
        var forged = await pat.RunAsync("validate", tampered);

        Assert.That((lacking.ExitCode, lacking.Output), Is.EqualTo((1, "InsufficientScope: The token lacks the required scope 'repo:write'.\n")));
        Assert.That(unprefixed.ExitCode, Is.EqualTo(1));
        Assert.That(unprefixed.Output, Does.StartWith("InvalidPrefix: "));
        Assert.That(forged.ExitCode, Is.EqualTo(1));
        Assert.That(forged.Output, Does.StartWith("InvalidSignature: "));
    }

    [Test]
    public async Task A_token_from_another_key_exits_1_as_unknown_key()
    {
        var (pat, token) = await IssuedAsync();
        using var _ = pat;
        var other = await pat.RunAsync("keys", "new", "--alg", "ES256", "--kid", "k2", "--out", "other.pem");
        pat.WriteConfig(other.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1]);

        var result = await pat.RunAsync("validate", token);

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.Output, Does.StartWith("UnknownKey: "));
    }

    [Test]
    public async Task An_expired_token_exits_1_as_expired()
    {
        var (pat, _) = await IssuedAsync();
        using var __ = pat;
        var config = Path.Combine(pat.Folder, "appsettings.json");
        var key = (await File.ReadAllTextAsync(config)).Split("\"SigningKeys\": [ ")[1].Split(" ]")[0];

        // A token issued by the same key 400 days ago for one day, by a copy of the tool's configuration with an old clock.
        var oldIssue = PastIssuer.Issue(Path.Combine(pat.Folder, "k1.pem"), DateTimeOffset.UtcNow.AddDays(-400));
        var result = await pat.RunAsync("validate", oldIssue);

        Assert.That(key, Does.Contain("k1"));
        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.Output, Does.StartWith("Expired: "));
    }

    [TestCase("-")]
    [TestCase(null)]
    public async Task The_token_comes_from_standard_input_when_the_argument_is_dash_or_left_out(string? argument)
    {
        var (pat, token) = await IssuedAsync();
        using var _ = pat;

        var result = argument is null ? await pat.RunWithInputAsync(token + "\n", "validate") : await pat.RunWithInputAsync(token + "\n", "validate", argument);

        Assert.That(result.ExitCode, Is.EqualTo(0), result.Output + result.Error);
    }

    [Test]
    public async Task PAT_TOKEN_is_read_when_the_argument_is_left_out()
    {
        var (pat, token) = await IssuedAsync();
        using var _ = pat;
        pat.Environment["PAT_TOKEN"] = token;

        var result = await pat.RunAsync("validate");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.Output + result.Error);
    }

    [Test]
    public async Task A_missing_config_file_exits_3_in_one_line()
    {
        using var pat = new Pat();

        AssertOneLine(await pat.RunAsync("issue", "--sub", "alice"), 3, "No configuration file at");
    }

    [Test]
    public async Task A_section_without_an_issuer_exits_3_in_one_line()
    {
        using var pat = new Pat();
        await File.WriteAllTextAsync(Path.Combine(pat.Folder, "appsettings.json"), """{ "PersonalAccessTokens": { "Audience": "https://api.example" } }""");

        AssertOneLine(await pat.RunAsync("jwks"), 3, "Issuer is required");
    }

    [Test]
    public async Task A_pem_that_will_not_load_exits_3_in_one_line()
    {
        using var pat = new Pat();
        await File.WriteAllTextAsync(Path.Combine(pat.Folder, "bad.pem"), "-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----\n");
        pat.WriteConfig("""{ "KeyId": "k1", "Algorithm": "ES256", "PemFile": "bad.pem" }""");

        AssertOneLine(await pat.RunAsync("issue", "--sub", "alice"), 3, "The signing key 'k1' could not be read");
    }

    [Test]
    public async Task An_unknown_algorithm_exits_2_in_one_line()
    {
        using var pat = new Pat();

        AssertOneLine(await pat.RunAsync("keys", "new", "--alg", "HS128"), 2, "Unknown algorithm 'HS128'");
    }

    [Test]
    public async Task A_refused_issue_exits_2_with_the_issuers_code()
    {
        var (pat, _) = await IssuedAsync();
        using var __ = pat;

        AssertOneLine(await pat.RunAsync("issue", "--sub", "alice", "--scope", "repo:delete"), 2, "UnknownScope");
    }

    [Test]
    public async Task Bad_usage_exits_2_in_one_line()
    {
        using var pat = new Pat();

        AssertOneLine(await pat.RunAsync("issue", "--name", "x"), 2, "--sub");
    }

    [Test]
    public async Task Help_names_the_exit_codes_and_stdin()
    {
        using var pat = new Pat();

        var root = await pat.RunAsync("--help");
        var validate = await pat.RunAsync("validate", "--help");

        Assert.That(root.ExitCode, Is.EqualTo(0));
        Assert.That(root.Output, Does.Contain("3 configuration error"));
        Assert.That(validate.Output, Does.Contain("standard input").And.Contain("no revocation list"));
    }

    [Test]
    public async Task Inspect_shows_the_claims_relative_times_and_says_it_did_not_verify()
    {
        var (pat, token) = await IssuedAsync(days: 6);
        using var _ = pat;

        var result = await pat.RunAsync("inspect", token);

        Assert.That(result.Output, Does.StartWith("NOT VERIFIED"));
        Assert.That(result.Output, Does.Contain("prefix: acme_pat_").And.Contain("sub: \"alice\"").And.Contain("expires in 5 days").Or.Contain("expires in 6 days"));
    }

    [Test]
    public async Task Regex_prints_the_scanning_expression_and_a_gitleaks_rule()
    {
        using var pat = new Pat();

        var result = await pat.RunAsync("regex", "--prefix", "acme_pat_");

        Assert.That(result.Output, Does.StartWith(@"\bacme_pat_eyJ[A-Za-z0-9_-]+\.eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+"));
        Assert.That(result.Output, Does.Contain("[[rules]]").And.Contain("keywords = [\"acme_pat_\"]"));
    }

    [Test]
    public async Task Regex_prints_the_gitleaks_rule_the_README_shows()
    {
        using var pat = new Pat();
        var readmeRule = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Fixtures", "gitleaks-rule.toml"));

        var result = await pat.RunAsync("regex", "--prefix", "acme_pat_");

        Assert.That(result.Output.ReplaceLineEndings("\n"), Does.EndWith(readmeRule.ReplaceLineEndings("\n")));
    }

    [Test]
    public async Task Inspect_warns_about_what_the_validator_would_refuse_that_shows_without_keys()
    {
        using var pat = new Pat();
        pat.WriteConfig("""{ "KeyId": "k1", "Algorithm": "HS256", "Secret": "AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=" }""");
        static string Segment(string json) => System.Buffers.Text.Base64Url.EncodeToString(System.Text.Encoding.UTF8.GetBytes(json));
        var forged = "acme_pat_" + Segment("""{"alg":"none"}""") + "." + Segment("""{"sub":"alice","iat":1000000000,"exp":1100000000}""") + ".sig";

        var result = await pat.RunAsync("inspect", forged, "--config", "appsettings.json");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.Error);
        Assert.That(result.Output, Does.Contain("warning: no 'typ' header"));
        Assert.That(result.Output, Does.Contain("warning: 'alg' is missing or none"));
        Assert.That(result.Output, Does.Contain("over the configured MaxLifetime"));
    }
}
