using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PersonalAccessTokens.Tests.PublicApi;

/// <summary>Enums end up in problem details, logs and stores: they read as names, and no error code hides behind 0.</summary>
public sealed class PublicEnumTests
{
    private static IEnumerable<Type> PublicEnums() =>
        typeof(IPatValidator).Assembly.GetExportedTypes().Where(t => t.IsEnum);

    [Test]
    public void Every_public_enum_carries_the_string_enum_converter()
    {
        Assert.That(PublicEnums().ToList(), Is.Not.Empty);
        foreach (var type in PublicEnums())
        {
            var converter = type.GetCustomAttribute<JsonConverterAttribute>()?.ConverterType;
            Assert.That(converter, Is.EqualTo(typeof(JsonStringEnumConverter<>).MakeGenericType(type)), type.Name);
        }
    }

    [Test]
    public void Error_codes_serialize_as_their_names()
    {
        var json = JsonSerializer.Serialize(new PatIssueError(PatIssueErrorCode.UnknownScope, "x"));

        Assert.That(json, Does.Contain("\"Code\":\"UnknownScope\""));
        Assert.That(JsonSerializer.Serialize(PatValidationFailure.Revoked), Is.EqualTo("\"Revoked\""));
    }

    [Test]
    public void No_issue_error_code_is_zero()
    {
        Assert.That(Enum.GetValues<PatIssueErrorCode>().Select(c => (int)c), Has.None.EqualTo(0));
        Assert.That(Enum.IsDefined(default(PatIssueErrorCode)), Is.False);
    }

    [Test]
    public void Both_results_name_their_factories_Success_and_Failed()
    {
        var issue = PatIssueResult.Failed(new PatIssueError(PatIssueErrorCode.PolicyDenied, "no"));
        var validation = PatValidationResult.Failed(PatValidationFailure.Revoked);

        Assert.That(issue.Succeeded, Is.False);
        Assert.That(validation.IsValid, Is.False);
        Assert.That(typeof(PatIssueResult).GetMethod("Success"), Is.Not.Null);
        Assert.That(typeof(PatValidationResult).GetMethod("Success"), Is.Not.Null);
        Assert.That(typeof(PatIssueResult).GetMethod("Failure"), Is.Null);
        Assert.That(typeof(PatValidationResult).GetMethod("Fail"), Is.Null);
    }

    [Test]
    public void Revoke_all_names_its_instant_for_what_it_does()
    {
        var parameter = typeof(IPatRevocationStore).GetMethod(nameof(IPatRevocationStore.RevokeAllAsync))!.GetParameters()[1];

        Assert.That(parameter.Name, Is.EqualTo("issuedAtOrBefore"));
    }
}
