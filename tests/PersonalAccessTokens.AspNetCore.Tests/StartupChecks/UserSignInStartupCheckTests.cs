using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using PersonalAccessTokens.AspNetCore.Tests.Support;

namespace PersonalAccessTokens.AspNetCore.Tests.StartupChecks;

/// <summary>With only the token scheme, POST /tokens is a bare 401 forever: start-up says so, once, with the fix.</summary>
public sealed class UserSignInStartupCheckTests
{
    [Test]
    public async Task Token_endpoints_with_only_the_token_scheme_warn_at_start_up()
    {
        var sink = new FakeLoggerProvider();
        await using var app = await TestApp.StartAsync(
            app => app.MapPersonalAccessTokens("/tokens"),
            services: services => services.AddLogging(l => l.AddProvider(sink)));

        var warning = sink.Collector.GetSnapshot().Select(r => r.Message).Single(m => m.Contains("mints tokens for a signed-in user", StringComparison.Ordinal));

        Assert.That(warning, Does.StartWith("POST /tokens"));
        Assert.That(warning, Does.Contain("the default scheme, 'PersonalAccessToken', reads personal access tokens, not users"));
        Assert.That(warning, Does.Contain("UserAuthenticationSchemes"));
    }

    [Test]
    public async Task Naming_only_an_unregistered_scheme_warns_too()
    {
        var sink = new FakeLoggerProvider();
        await using var app = await TestApp.StartAsync(
            app => app.MapPersonalAccessTokens("/tokens", o => o.UserAuthenticationSchemes.Add("Cookies")),
            services: services => services.AddLogging(l => l.AddProvider(sink)));

        Assert.That(sink.Collector.GetSnapshot().Select(r => r.Message), Has.One.Contains("UserAuthenticationSchemes (Cookies) names no registered user sign-in scheme"));
    }

    [Test]
    public async Task Token_endpoints_with_a_user_scheme_start_without_a_warning()
    {
        var sink = new FakeLoggerProvider();
        await using var app = await TestApp.StartAsync(
            app => app.MapPersonalAccessTokens("/tokens", o => o.UserAuthenticationSchemes.Add(TestApp.UserScheme)),
            services: services => services.AddLogging(l => l.AddProvider(sink)));

        Assert.That(sink.Collector.GetSnapshot().Select(r => r.Message), Has.None.Contains("mints tokens for a signed-in user"));
    }
}
