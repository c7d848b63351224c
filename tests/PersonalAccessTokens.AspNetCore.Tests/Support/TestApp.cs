using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.Tokens;

namespace PersonalAccessTokens.AspNetCore.Tests.Support;

/// <summary>A web app on ASP.NET Core's in-process test server, with the library registered as a host would, on a fake clock.</summary>
public sealed class TestApp : IAsyncDisposable
{
    public const string Issuer = "https://issuer.example";
    public const string Audience = "https://api.example";
    public const string UserScheme = "TestUser";
    public const string UserHeader = "X-Test-User";

    public static readonly DateTimeOffset Start = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    private TestApp(WebApplication app, FakeTimeProvider time)
    {
        App = app;
        Time = time;
        Client = app.GetTestClient();
    }

    public WebApplication App { get; }

    public FakeTimeProvider Time { get; }

    public HttpClient Client { get; }

    public IPatIssuer TokenIssuer => App.Services.GetRequiredService<IPatIssuer>();

    public IPatRevocationStore Revocations => App.Services.GetRequiredService<IPatRevocationStore>();

    /// <summary>
    /// Registers tokens (HS256, scopes repo:read, repo:write ⇒ repo:read, admin), the PAT scheme as default, a
    /// header-based user scheme standing in for a cookie login, then maps what <paramref name="map"/> adds.
    /// </summary>
    public static async Task<TestApp> StartAsync(
        Action<WebApplication> map,
        Action<PersonalAccessTokenAuthenticationOptions>? configureScheme = null,
        Action<IServiceCollection>? services = null,
        Action<PersonalAccessTokenOptions>? configureTokens = null,
        Action<PersonalAccessTokenBuilder>? keys = null,
        DateTimeOffset? start = null)
    {
        var time = new FakeTimeProvider(start ?? Start);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.AddRouting();
        var tokens = builder.Services.AddPersonalAccessTokens(o =>
            {
                o.Issuer = Issuer;
                o.Audience = Audience;
                configureTokens?.Invoke(o);
            })
            .AddSigningKey(new SymmetricSecurityKey([.. Enumerable.Range(1, 32).Select(i => (byte)i)]) { KeyId = "hmac-1" }, SecurityAlgorithms.HmacSha256)
            .AddScope("repo:read")
            .AddScope("repo:write", implies: ["repo:read"])
            .AddScope("admin");
        keys?.Invoke(tokens);
        builder.Services.AddAuthentication(PersonalAccessTokenAuthenticationDefaults.AuthenticationScheme)
            .AddPersonalAccessToken(o => configureScheme?.Invoke(o))
            .AddScheme<AuthenticationSchemeOptions, HeaderUserHandler>(UserScheme, _ => { });
        services?.Invoke(builder.Services);

        var app = builder.Build();
        map(app);
        await app.StartAsync();
        return new TestApp(app, time);
    }

    public async Task<IssuedPat> IssueAsync(string[]? scopes = null, string subject = "alice", TimeSpan? lifetime = null)
    {
        var result = await TokenIssuer.IssueAsync(new PatIssueRequest { Subject = subject, Scopes = scopes ?? ["repo:read"], Lifetime = lifetime, Name = "test" });
        Assert.That(result.Succeeded, Is.True, () => result.Error!.Message);
        return result.Pat!;
    }

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? token = null, HttpContent? content = null, string? user = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (user is not null)
        {
            request.Headers.Add(UserHeader, user);
        }

        return Client.SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }

    /// <summary>Signs in whoever the X-Test-User header names: the stand-in for a real user login.</summary>
    private sealed class HeaderUserHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, Microsoft.Extensions.Logging.ILoggerFactory logger, UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        protected override Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            string? user = Request.Headers[UserHeader];
            if (string.IsNullOrEmpty(user))
            {
                return Task.FromResult(AuthenticateResult.NoResult());
            }

            var identity = new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, user)], UserScheme);
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), UserScheme)));
        }
    }
}
