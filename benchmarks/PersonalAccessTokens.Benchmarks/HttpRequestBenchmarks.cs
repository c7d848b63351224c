using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace PersonalAccessTokens.Benchmarks;

/// <summary>
/// One request through the whole ASP.NET Core pipeline, in process (the test server, no sockets): an anonymous
/// endpoint, one behind a scheme that does no work (a new principal with one claim, RequireAuthenticatedUser), and
/// one behind the PAT scheme and RequireScope with a warm HS256 token. The no-work scheme is the baseline: it is
/// the floor ASP.NET Core's own authentication and authorization set.
/// </summary>
[MemoryDiagnoser]
public class HttpRequestBenchmarks
{
    private WebApplication _app = null!;
    private TestServer _server = null!;
    private string _authorization = null!;

    [GlobalSetup]
    public void Setup()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Services.AddPersonalAccessTokens(o =>
            {
                o.Issuer = BenchmarkTokens.Issuer;
                o.Audience = BenchmarkTokens.Audience;
                o.UsageFlushInterval = TimeSpan.FromHours(1);
            })
            .AddSigningKey(new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)) { KeyId = "bench" }, SecurityAlgorithms.HmacSha256)
            .AddScope("read");
        builder.Services.AddAuthentication()
            .AddPersonalAccessToken()
            .AddScheme<AuthenticationSchemeOptions, NoWorkHandler>(NoWorkHandler.SchemeName, _ => { });
        builder.Services.AddAuthorization();
        _app = builder.Build();
        _app.MapGet("/anonymous", () => "ok");
        _app.MapGet("/no-work", () => "ok").RequireAuthorization(p => p.AddAuthenticationSchemes(NoWorkHandler.SchemeName).RequireAuthenticatedUser());
        _app.MapGet("/pat", () => "ok").RequireScope("read");
        _app.StartAsync().GetAwaiter().GetResult();
        _server = _app.GetTestServer();

        var issued = _app.Services.GetRequiredService<IPatIssuer>().IssueAsync(new PatIssueRequest { Subject = "alice", Scopes = ["read"] }).AsTask().GetAwaiter().GetResult();
        _authorization = "Bearer " + issued.Pat!.Token;
        if (Send("/pat").GetAwaiter().GetResult() != StatusCodes.Status200OK || Send("/no-work").GetAwaiter().GetResult() != StatusCodes.Status200OK)
        {
            throw new InvalidOperationException("The benchmark app did not answer 200.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _app.StopAsync().GetAwaiter().GetResult();
        _app.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Description = "anonymous endpoint")]
    public Task<int> Anonymous() => Send("/anonymous");

    [Benchmark(Baseline = true, Description = "no-work scheme, RequireAuthenticatedUser")]
    public Task<int> NoWorkScheme() => Send("/no-work");

    [Benchmark(Description = "PAT scheme, RequireScope, warm HS256")]
    public Task<int> PersonalAccessToken() => Send("/pat");

    private async Task<int> Send(string path)
    {
        var context = await _server.SendAsync(c =>
        {
            c.Request.Method = HttpMethods.Get;
            c.Request.Path = path;
            c.Request.Headers.Authorization = _authorization;
        });
        return context.Response.StatusCode;
    }

    /// <summary>Signs everyone in as one user with one claim: ASP.NET Core's cost with nothing of a scheme's own.</summary>
    private sealed class NoWorkHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        public const string SchemeName = "NoWork";

        protected override Task<AuthenticateResult> HandleAuthenticateAsync() =>
            Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(
                new ClaimsPrincipal(new ClaimsIdentity([new Claim("sub", "alice")], SchemeName)), SchemeName)));
    }
}
