using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using PersonalAccessTokens.Tests.Support;

namespace PersonalAccessTokens.Tests.Validation;

public sealed class PatValidatorLoggingTests
{
    [Test]
    public async Task Validation_and_issuance_log_the_token_id_and_never_any_part_of_the_token()
    {
        var sink = new FakeLoggerProvider();
        using var host = TestHost.Create(build: b => b.Services.AddLogging(l => l.SetMinimumLevel(LogLevel.Trace).AddProvider(sink)));
        var pat = await host.IssueAsync();
        await host.Validator.ValidateAsync(pat.Token);
        await host.Revocations.RevokeAsync(pat);
        var revoked = await host.Validator.ValidateAsync(pat.Token);
        var garbage = await host.Validator.ValidateAsync(pat.Token + "x");

        var segments = pat.Token.Split('.');
        Assert.That(sink.Collector.GetSnapshot().Select(r => r.Message), Has.Some.Contains(pat.Id));
        Assert.That(sink.Collector.GetSnapshot().Select(r => r.Message), Has.Some.Contains("Revoked"));
        foreach (var message in sink.Collector.GetSnapshot().Select(r => r.Message).Append(revoked.Message).Append(garbage.Message))
        {
            foreach (var segment in segments)
            {
                Assert.That(message, Does.Not.Contain(segment));
            }
        }
    }
}
