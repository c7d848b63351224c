using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using PersonalAccessTokens.AspNetCore.Tests.Support;

namespace PersonalAccessTokens.AspNetCore.Tests.Authentication;

/// <summary>A token in a place the scheme does not read looks exactly like no token, unless the log says why.</summary>
public sealed class MisplacedTokenTests
{
    private static async Task<(TestApp App, FakeLoggerProvider Sink)> StartAsync(Action<PersonalAccessTokenAuthenticationOptions>? scheme = null)
    {
        var sink = new FakeLoggerProvider();
        var app = await TestApp.StartAsync(
            app => app.MapGet("/repos", () => "ok").RequireScope("repo:read"),
            configureScheme: scheme,
            services: services => services.AddLogging(l => l.AddProvider(sink)),
            configureTokens: o => o.TokenPrefix = "acme_pat_");
        return (app, sink);
    }

    public static IEnumerable<TestCaseData> Misplacements()
    {
        yield return new TestCaseData((Action<HttpRequestMessage, string>)((r, t) => r.Headers.TryAddWithoutValidation("Authorization", "token " + t)), "AcceptTokenScheme")
            .SetName("Authorization: token is explained");
        yield return new TestCaseData((Action<HttpRequestMessage, string>)((r, t) => r.Headers.TryAddWithoutValidation("Authorization", t)), "Authorization: Bearer <token>")
            .SetName("A bare Authorization value is explained");
        yield return new TestCaseData((Action<HttpRequestMessage, string>)((r, t) => r.Headers.Add("PRIVATE-TOKEN", t)), "TokenHeaderName = \"PRIVATE-TOKEN\"")
            .SetName("PRIVATE-TOKEN without opting in is explained");
        yield return new TestCaseData((Action<HttpRequestMessage, string>)((r, t) => r.RequestUri = new Uri("/repos?access_token=" + t, UriKind.Relative)), "never read")
            .SetName("An access_token query parameter is explained");
        yield return new TestCaseData((Action<HttpRequestMessage, string>)((r, t) => r.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("alice:" + t)))), "AllowBasicAuthentication")
            .SetName("Basic without opting in is explained");
    }

    [TestCaseSource(nameof(Misplacements))]
    public async Task A_token_in_a_place_not_read_is_logged_with_the_fix_and_without_the_token(Action<HttpRequestMessage, string> place, string fix)
    {
        var (app, sink) = await StartAsync();
        await using var _ = app;
        var pat = await app.IssueAsync();
        var request = new HttpRequestMessage(HttpMethod.Get, "/repos");
        place(request, pat.Token);

        var response = await app.Client.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        var explanation = sink.Collector.GetSnapshot().Select(r => r.Message).Single(m => m.Contains("which this scheme does not read", StringComparison.Ordinal));
        Assert.That(explanation, Does.Contain(fix));
        Assert.That(sink.Collector.GetSnapshot().Select(r => r.Message), Has.None.Contains(pat.Token["acme_pat_".Length..].Split('.')[1]));
    }

    [Test]
    public async Task A_request_with_no_token_at_all_logs_no_explanation()
    {
        var (app, sink) = await StartAsync();
        await using var _ = app;

        await app.SendAsync(HttpMethod.Get, "/repos");
        var request = new HttpRequestMessage(HttpMethod.Get, "/repos");
        request.Headers.TryAddWithoutValidation("Authorization", "token not-one-of-ours");
        await app.Client.SendAsync(request);

        Assert.That(sink.Collector.GetSnapshot().Select(r => r.Message), Has.None.Contains("which this scheme does not read"));
    }

    [Test]
    public async Task AcceptTokenScheme_reads_Authorization_token()
    {
        var (app, _) = await StartAsync(o => o.AcceptTokenScheme = true);
        await using var __ = app;
        var pat = await app.IssueAsync();
        var request = new HttpRequestMessage(HttpMethod.Get, "/repos");
        request.Headers.TryAddWithoutValidation("Authorization", "token " + pat.Token);

        var response = await app.Client.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Without_AcceptTokenScheme_Authorization_token_is_not_read()
    {
        var (app, _) = await StartAsync();
        await using var __ = app;
        var pat = await app.IssueAsync();
        var request = new HttpRequestMessage(HttpMethod.Get, "/repos");
        request.Headers.TryAddWithoutValidation("Authorization", "token " + pat.Token);

        var response = await app.Client.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task A_token_refused_after_it_verified_is_logged_by_id_and_subject()
    {
        var (app, sink) = await StartAsync();
        await using var _ = app;
        var pat = await app.IssueAsync(lifetime: TimeSpan.FromDays(1));
        app.Time.Advance(TimeSpan.FromDays(2));

        await app.SendAsync(HttpMethod.Get, "/repos", pat.Token);

        Assert.That(sink.Collector.GetSnapshot().Select(r => r.Message), Has.Some.EqualTo($"PAT authentication failed for token {pat.Id} of alice: Expired."));
    }
}
