using PersonalAccessTokens.Tests.Support;

namespace PersonalAccessTokens.Tests.Validation;

/// <summary>The ancestor claim is read as strictly as every other claim, even when the key signed it.</summary>
public sealed class PatValidatorAncestorClaimTests
{
    private const string ParentId = "AAAAAAAAAAAAAAAAAAAAAA";

    [TestCase("\"anc\":\"AAAAAAAAAAAAAAAAAAAAAA\"", TestName = "A string, not an array")]
    [TestCase("\"anc\":[]", TestName = "An empty array")]
    [TestCase("\"anc\":[\"\"]", TestName = "An empty id")]
    [TestCase("\"anc\":[42]", TestName = "A number in the array")]
    [TestCase("\"anc\":[[\"a\"]]", TestName = "A nested array")]
    [TestCase("\"anc\":[\"a\",\"b\",\"c\"]", TestName = "Deeper than MaxDerivationDepth")]
    [TestCase("\"anc\":null", TestName = "Null")]
    [TestCase("\"anc\":[\"a\"],\"\\u0061nc\":[\"b\"]", TestName = "Twice, once escaped")]
    public async Task A_forged_ancestor_claim_of_the_wrong_form_is_malformed(string member)
    {
        using var host = TestHost.Create();

        var result = await host.Validator.ValidateAsync(TokenForge.Sign(payload: TokenForge.Payload(extra: member)));

        Assert.That(result.Failure, Is.EqualTo(PatValidationFailure.Malformed));
    }

    [Test]
    public async Task A_well_formed_ancestor_claim_is_read_parent_first()
    {
        using var host = TestHost.Create();

        var result = await host.Validator.ValidateAsync(TokenForge.Sign(payload: TokenForge.Payload(extra: $"\"anc\":[\"{ParentId}\",\"other-format-id\"]")));

        Assert.That(result.IsValid, Is.True, result.Message);
        Assert.That(result.Pat!.ParentId, Is.EqualTo(ParentId));
        Assert.That(result.Pat.AncestorIds, Is.EqualTo(new[] { ParentId, "other-format-id" }));
    }

    [TestCase(ParentId)]
    [TestCase("other-format-id")]
    public async Task A_forged_ancestor_claim_naming_a_revoked_id_is_revoked(string revokedId)
    {
        using var host = TestHost.Create();
        await host.Revocations.RevokeAsync(revokedId, TestHost.Start.AddDays(1));

        var result = await host.Validator.ValidateAsync(TokenForge.Sign(payload: TokenForge.Payload(extra: $"\"anc\":[\"{ParentId}\",\"other-format-id\"]")));

        Assert.That(result.Failure, Is.EqualTo(PatValidationFailure.Revoked));
    }
}
