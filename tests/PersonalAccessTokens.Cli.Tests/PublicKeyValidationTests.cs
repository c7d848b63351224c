namespace PersonalAccessTokens.Cli.Tests;

/// <summary>validate --jwks: a service that does not issue checks tokens with the published public keys only.</summary>
public sealed class PublicKeyValidationTests
{
    [Test]
    public async Task A_token_validates_against_the_published_key_set_and_fails_against_another_issuer()
    {
        using var pat = new Pat();
        var keys = await pat.RunAsync("keys", "new", "--alg", "ES256", "--kid", "k1");
        pat.WriteConfig(keys.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1]);
        var token = (await pat.RunAsync("issue", "--sub", "alice", "--scope", "repo:read")).Output.Trim();
        await File.WriteAllTextAsync(Path.Combine(pat.Folder, "keys.json"), (await pat.RunAsync("jwks")).Output);

        var valid = await pat.RunAsync("validate", token, "--jwks", "keys.json", "--issuer", "https://issuer.example", "--audience", "https://api.example", "--prefix", "acme_pat_", "--scope", "repo:read");
        var otherIssuer = await pat.RunAsync("validate", token, "--jwks", "keys.json", "--issuer", "https://other.example", "--audience", "https://api.example", "--prefix", "acme_pat_");

        Assert.That(valid.ExitCode, Is.EqualTo(0), valid.Output + valid.Error);
        Assert.That(otherIssuer.ExitCode, Is.EqualTo(1));
        Assert.That(otherIssuer.Output, Does.StartWith("InvalidIssuer: "));
    }

    [Test]
    public async Task A_key_set_url_that_does_not_answer_exits_3_in_one_line()
    {
        using var pat = new Pat();

        // Port 9 on loopback (discard) refuses at once on a machine that runs no such service.
        var result = await pat.RunAsync("validate", "acme_pat_eyJ.eyJ.x", "--jwks", "http://127.0.0.1:9/keys.json", "--issuer", "i", "--audience", "a");

        Assert.That(result.ExitCode, Is.EqualTo(3), result.Output + result.Error);
        Assert.That(result.Error.TrimEnd().Split('\n'), Has.Length.EqualTo(1));
        Assert.That(result.Error, Does.Contain("did not answer within 10 s").And.Not.Contain("   at "));
    }

    [Test]
    public async Task A_missing_issuer_with_jwks_is_bad_usage()
    {
        using var pat = new Pat();

        var result = await pat.RunAsync("validate", "x", "--jwks", "keys.json", "--audience", "a");

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Error, Does.Contain("--jwks needs --issuer."));
    }
}
