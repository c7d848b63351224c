using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using PersonalAccessTokens.AspNetCore.Tests.Support;

namespace PersonalAccessTokens.AspNetCore.Tests.Endpoints;

/// <summary>The signed-in user's tokens by id: list, describe, revoke, rotate; and a token rotating itself.</summary>
public sealed class TokenLifecycleEndpointsTests
{
    private static Task<TestApp> StartAsync(Action<Microsoft.AspNetCore.Builder.WebApplication>? more = null, bool allowSelfRotation = true) => TestApp.StartAsync(app =>
    {
        app.MapPersonalAccessTokens("/tokens", o =>
        {
            o.UserAuthenticationSchemes.Add(TestApp.UserScheme);
            o.AllowSelfRotation = allowSelfRotation;
        });
        app.MapGet("/repos", () => "ok").RequireScope("repo:read");
        more?.Invoke(app);
    });

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.Clone();
    }

    [Test]
    public async Task Get_lists_the_users_tokens_newest_first_with_usage_and_status_and_never_their_text()
    {
        await using var app = await StartAsync();
        var older = await app.IssueAsync();
        app.Time.Advance(TimeSpan.FromMinutes(1));
        var newer = await app.IssueAsync(scopes: ["repo:write"]);
        await app.IssueAsync(subject: "bob");
        await app.SendAsync(HttpMethod.Get, "/repos", older.Token);
        var usedAt = app.Time.GetUtcNow();
        await FlushUsageAsync(app, older.Id);

        var response = await app.SendAsync(HttpMethod.Get, "/tokens", user: "alice");
        var body = await response.Content.ReadAsStringAsync();
        var list = await JsonAsync(response);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(list.EnumerateArray().Select(t => t.GetProperty("id").GetString()), Is.EqualTo(new[] { newer.Id, older.Id }));
        var first = list[1];
        Assert.That(first.GetProperty("status").GetString(), Is.EqualTo("Active"));
        Assert.That(first.GetProperty("lastUsedAt").GetDateTimeOffset(), Is.EqualTo(usedAt));
        Assert.That(first.GetProperty("name").GetString(), Is.EqualTo("test"));
        Assert.That(body, Does.Not.Contain(older.Token.Split('.')[1]));
        Assert.That(body, Does.Not.Contain("\"token\""));
    }

    [Test]
    public async Task Get_and_delete_by_id_answer_404_for_an_unknown_or_foreign_id()
    {
        await using var app = await StartAsync();
        var bobs = await app.IssueAsync(subject: "bob");

        foreach (var id in new[] { bobs.Id, "unknown", new string('x', 300), "%27%3B%20DROP%20TABLE" })
        {
            Assert.That((await app.SendAsync(HttpMethod.Get, $"/tokens/{id}", user: "alice")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound), id);
            Assert.That((await app.SendAsync(HttpMethod.Delete, $"/tokens/{id}", user: "alice")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound), id);
            Assert.That((await app.SendAsync(HttpMethod.Post, $"/tokens/{id}/rotate", content: JsonContent.Create(new { }), user: "alice")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound), id);
        }

        Assert.That((await app.SendAsync(HttpMethod.Get, "/repos", bobs.Token)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Delete_by_id_revokes_a_token_the_user_no_longer_holds_while_another_keeps_working()
    {
        await using var app = await StartAsync();
        var leaked = await app.IssueAsync();
        var kept = await app.IssueAsync();

        var deleted = await app.SendAsync(HttpMethod.Delete, $"/tokens/{leaked.Id}", user: "alice");
        var described = await JsonAsync(await app.SendAsync(HttpMethod.Get, $"/tokens/{leaked.Id}", user: "alice"));

        Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That((await app.SendAsync(HttpMethod.Get, "/repos", leaked.Token)).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That((await app.SendAsync(HttpMethod.Get, "/repos", kept.Token)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(described.GetProperty("status").GetString(), Is.EqualTo("Revoked"));
        Assert.That(described.GetProperty("revocationReason").GetString(), Is.EqualTo("Revoked"));
    }

    [Test]
    public async Task Rotating_by_id_answers_201_with_the_new_token_once_and_then_TokenNotActive()
    {
        await using var app = await StartAsync();
        var pat = await app.IssueAsync();

        var rotated = await app.SendAsync(HttpMethod.Post, $"/tokens/{pat.Id}/rotate", content: JsonContent.Create(new { }), user: "alice");
        var body = await JsonAsync(rotated);
        var again = await app.SendAsync(HttpMethod.Post, $"/tokens/{pat.Id}/rotate", content: JsonContent.Create(new { }), user: "alice");

        Assert.That(rotated.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(rotated.Headers.CacheControl!.NoStore, Is.True);
        Assert.That((await app.SendAsync(HttpMethod.Get, "/repos", body.GetProperty("token").GetString())).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await JsonAsync(again)).GetProperty("code").GetString(), Is.EqualTo("TokenNotActive"));
    }

    [Test]
    public async Task A_token_rotates_itself_keeping_its_expiry_and_the_old_one_used_again_kills_the_family()
    {
        await using var app = await StartAsync();
        var pat = await app.IssueAsync(lifetime: TimeSpan.FromDays(3));
        app.Time.Advance(TimeSpan.FromDays(1));

        var rotated = await app.SendAsync(HttpMethod.Post, "/tokens/self/rotate", pat.Token, JsonContent.Create(new { }));
        var body = await JsonAsync(rotated);
        var successor = body.GetProperty("token").GetString();

        Assert.That(rotated.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(body.GetProperty("expiresAt").GetDateTimeOffset(), Is.EqualTo(pat.ExpiresAt), "a token never extends its own life");
        Assert.That((await app.SendAsync(HttpMethod.Get, "/repos", successor)).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        Assert.That((await app.SendAsync(HttpMethod.Get, "/repos", pat.Token)).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That((await app.SendAsync(HttpMethod.Get, "/repos", successor)).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "reuse of the old token revoked its successor");
    }

    [Test]
    public async Task Self_rotation_can_be_turned_off()
    {
        await using var app = await StartAsync(allowSelfRotation: false);
        var pat = await app.IssueAsync();

        var response = await app.SendAsync(HttpMethod.Post, "/tokens/self/rotate", pat.Token, JsonContent.Create(new { }));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task A_token_may_not_list_or_revoke_by_id_unless_allowed_to_manage_tokens()
    {
        await using var app = await StartAsync();
        var pat = await app.IssueAsync();

        Assert.That((await app.SendAsync(HttpMethod.Get, "/tokens", pat.Token, user: "alice")).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That((await app.SendAsync(HttpMethod.Delete, $"/tokens/{pat.Id}", pat.Token, user: "alice")).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task The_handler_records_the_client_address_as_last_used_from()
    {
        await using var app = await StartAsync(more: app =>
        {
            // Before authentication, as a forwarded-headers middleware would set it.
            app.Use((context, next) =>
            {
                context.Connection.RemoteIpAddress = IPAddress.Parse("203.0.113.7");
                return next(context);
            });
            app.UseAuthentication();
            app.UseAuthorization();
        });
        var pat = await app.IssueAsync();

        Assert.That((await app.SendAsync(HttpMethod.Get, "/repos", pat.Token)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var record = await FlushUsageAsync(app, pat.Id);

        Assert.That(record.LastUsedFrom, Is.EqualTo("203.0.113.7"));
    }

    [Test]
    public async Task A_record_store_that_is_down_answers_503_with_problem_details_never_500()
    {
        await using var app = await TestApp.StartAsync(
            app => app.MapPersonalAccessTokens("/tokens", o => o.UserAuthenticationSchemes.Add(TestApp.UserScheme)),
            services: s => s.AddSingleton<IPatRecordStore, DownStore>());

        var mint = await app.SendAsync(HttpMethod.Post, "/tokens", content: JsonContent.Create(new { name = "test", scopes = new[] { "repo:read" } }), user: "alice");
        var list = await app.SendAsync(HttpMethod.Get, "/tokens", user: "alice");
        var revokeAll = await app.SendAsync(HttpMethod.Post, "/tokens/revoke-all", content: JsonContent.Create(new { }), user: "alice");

        foreach (var response in new[] { mint, list, revokeAll })
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/problem+json"));
        }
    }

    /// <summary>A record store whose database is unreachable: every call fails.</summary>
    private sealed class DownStore : IPatRecordStore
    {
        private static ValueTask<T> Down<T>() => ValueTask.FromException<T>(new InvalidOperationException("The database is down."));

        public ValueTask AddAsync(PatRecord record, CancellationToken cancellationToken = default) => ValueTask.FromException(new InvalidOperationException("The database is down."));

        public ValueTask<PatRecord?> FindAsync(string tokenId, CancellationToken cancellationToken = default) => Down<PatRecord?>();

        public ValueTask<IReadOnlyList<PatRecord>> ListAsync(string subject, DateTimeOffset endedAfter, CancellationToken cancellationToken = default) => Down<IReadOnlyList<PatRecord>>();

        public ValueTask<PatRecord?> RevokeAsync(string tokenId, DateTimeOffset revokedAt, PatRevocationReason reason, CancellationToken cancellationToken = default) => Down<PatRecord?>();

        public ValueTask RevokeAllAsync(string subject, DateTimeOffset issuedAtOrBefore, PatRevocationReason reason, CancellationToken cancellationToken = default) => ValueTask.FromException(new InvalidOperationException("The database is down."));

        public ValueTask<bool> TryRotateAsync(string oldTokenId, PatRecord successor, DateTimeOffset rotatedAt, CancellationToken cancellationToken = default) => Down<bool>();

        public ValueTask<IReadOnlyList<PatRecord>> RevokeFamilyAsync(string familyId, DateTimeOffset revokedAt, PatRevocationReason reason, CancellationToken cancellationToken = default) => Down<IReadOnlyList<PatRecord>>();

        public ValueTask RecordUsageAsync(IReadOnlyCollection<PatUsage> usages, CancellationToken cancellationToken = default) => ValueTask.FromException(new InvalidOperationException("The database is down."));

        public ValueTask<IReadOnlyList<PatRecord>> ListExpiringAsync(DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken = default) => Down<IReadOnlyList<PatRecord>>();

        public ValueTask<bool> TryClaimExpiryNoticeAsync(string tokenId, TimeSpan window, CancellationToken cancellationToken = default) => Down<bool>();

        public ValueTask PurgeAsync(DateTimeOffset endedBefore, DateTimeOffset now, CancellationToken cancellationToken = default) => ValueTask.FromException(new InvalidOperationException("The database is down."));
    }

    /// <summary>Lets the usage flusher run, on the app's fake clock, and waits for the record to show it.</summary>
    private static async Task<PatRecord> FlushUsageAsync(TestApp app, string tokenId)
    {
        var manager = app.App.Services.GetRequiredService<IPatManager>();
        app.Time.Advance(TimeSpan.FromMinutes(1));
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            if (await manager.FindAsync("alice", tokenId) is { LastUsedAt: not null } record)
            {
                return record;
            }

            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), "the usage flush did not run");
            await Task.Delay(10); // The flusher runs on the thread pool once the fake clock ticks.
        }
    }
}
