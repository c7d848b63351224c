using System.Globalization;
using PersonalAccessTokens.Tests.Support;

namespace PersonalAccessTokens.Tests.Validation;

/// <summary>Rejections are results, not exceptions, even ones caught inside: exceptions are slow and an attacker picks the input.</summary>
public sealed class PatValidatorExceptionTests : HostFixture
{
    [Test]
    public async Task Rejecting_a_token_for_any_rule_but_invalid_JSON_throws_no_exception_even_internally()
    {
        var valid = await Host.IssueAsync(scopes: ["repo:read"]);
        var revoked = await Host.IssueAsync();
        await Host.Revocations.RevokeAsync(revoked);
        var past = TokenForge.Now - 7200;
        var parts = valid.Token.Split('.');
        var cases = new (string Token, PatValidationFailure Expected)[]
        {
            (new string('a', 9000), PatValidationFailure.Malformed),
            ("a.b", PatValidationFailure.Malformed),
            (valid.Token + "=", PatValidationFailure.Malformed),
            ($"{parts[0]}.{parts[1]}.{PatValidatorStructureTests.WithUnusedBitsSet(parts[2])}", PatValidationFailure.Malformed),
            (TokenForge.Sign("""{"alg":"HS256","kid":"hmac-1","typ":"JWT"}"""), PatValidationFailure.InvalidType),
            (TokenForge.Sign("""{"alg":"HS256","kid":"nope","typ":"pat+jwt"}"""), PatValidationFailure.UnknownKey),
            (TokenForge.Sign("""{"alg":"none","kid":"hmac-1","typ":"pat+jwt"}"""), PatValidationFailure.InvalidAlgorithm),
            (parts[0] + "." + parts[1] + "." + parts[2][..^4] + "AAAA", PatValidationFailure.InvalidSignature),
            (TokenForge.Sign(payload: TokenForge.Payload(iss: "\"x\"")), PatValidationFailure.InvalidIssuer),
            (TokenForge.Sign(payload: TokenForge.Payload(aud: "[1]")), PatValidationFailure.InvalidAudience),
            (TokenForge.Sign(payload: TokenForge.Payload(exp: "1.5")), PatValidationFailure.Malformed),
            (TokenForge.Sign(payload: TokenForge.Payload(exp: (TokenForge.Now + 40_000_000).ToString(CultureInfo.InvariantCulture))), PatValidationFailure.LifetimeExceeded),
            (TokenForge.Sign(payload: TokenForge.Payload(iat: past.ToString(CultureInfo.InvariantCulture), nbf: past.ToString(CultureInfo.InvariantCulture), exp: (past + 60).ToString(CultureInfo.InvariantCulture))), PatValidationFailure.Expired),
            (TokenForge.Sign(payload: TokenForge.Payload(nbf: (TokenForge.Now + 3000).ToString(CultureInfo.InvariantCulture))), PatValidationFailure.NotYetValid),
            (revoked.Token, PatValidationFailure.Revoked),
        };
        var thread = Environment.CurrentManagedThreadId;
        var thrown = new List<string>();
        void Record(object? sender, System.Runtime.ExceptionServices.FirstChanceExceptionEventArgs e)
        {
            if (Environment.CurrentManagedThreadId == thread)
            {
                thrown.Add(e.Exception.GetType().Name);
            }
        }

        var failures = new List<PatValidationFailure>();
        AppDomain.CurrentDomain.FirstChanceException += Record;
        try
        {
            foreach (var (token, _) in cases)
            {
                failures.Add((await Host.Validator.ValidateAsync(token)).Failure);
            }

            failures.Add((await Host.Validator.ValidateAsync(valid.Token, ["admin"])).Failure);
        }
        finally
        {
            AppDomain.CurrentDomain.FirstChanceException -= Record;
        }

        Assert.That(failures, Is.EqualTo(cases.Select(c => c.Expected).Append(PatValidationFailure.InsufficientScope)));
        Assert.That(thrown, Is.Empty);
    }
}
