using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

namespace PersonalAccessTokens.HttpBenchmarks;

/// <summary>
/// One app, four endpoints that answer the same "ok": the per-request cost of authentication is the difference
/// between them. Shared by the wrk script (over loopback) and the in-process BenchmarkDotNet benchmark.
/// </summary>
public static class HttpBenchmarkApp
{
    public const string Issuer = "https://bench.example";
    public const string Audience = "bench-api";
    public const string Scope = "read";

    /// <summary>The endpoints, in the order the script and the benchmark report them.</summary>
    public static readonly IReadOnlyList<(string Path, string Description)> Endpoints =
    [
        ("/anonymous", "anonymous"),
        ("/no-work", "no-work scheme, RequireAuthenticatedUser"),
        ("/pat", "PAT scheme, RequireScope"),
        ("/jwt-bearer", "JwtBearer, RequireClaim(scope)"),
    ];

    /// <summary>Registers the PAT scheme, a scheme that does no work, and JwtBearer, all trusting one HS256 key.</summary>
    public static void AddServices(IServiceCollection services)
    {
        var key = new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)) { KeyId = "bench" };
        services.AddPersonalAccessTokens(o =>
            {
                o.Issuer = Issuer;
                o.Audience = Audience;
            })
            .AddSigningKey(key, SecurityAlgorithms.HmacSha256)
            .AddScope(Scope);
        services.AddAuthentication()
            .AddPersonalAccessToken()
            .AddScheme<AuthenticationSchemeOptions, NoWorkAuthenticationHandler>(NoWorkAuthenticationHandler.SchemeName, _ => { })
            .AddJwtBearer(o =>
            {
                o.MapInboundClaims = false;
                o.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = Issuer,
                    ValidAudience = Audience,
                    IssuerSigningKey = key,
                    ValidTypes = ["pat+jwt"],
                };
            });
        services.AddAuthorization();
    }

    /// <summary>Maps the endpoints of <see cref="Endpoints"/>.</summary>
    public static void MapEndpoints(WebApplication app)
    {
        app.MapGet("/anonymous", () => "ok");
        app.MapGet("/no-work", () => "ok")
            .RequireAuthorization(p => p.AddAuthenticationSchemes(NoWorkAuthenticationHandler.SchemeName).RequireAuthenticatedUser());
        app.MapGet("/pat", () => "ok").RequireScope(Scope);
        app.MapGet("/jwt-bearer", () => "ok")
            .RequireAuthorization(p => p.AddAuthenticationSchemes(JwtBearerDefaults.AuthenticationScheme).RequireClaim("scope", Scope));
    }

    /// <summary>Issues the token every authenticated request presents: alice's, with the one scope.</summary>
    public static async Task<string> IssueTokenAsync(IServiceProvider services)
    {
        var issued = await services.GetRequiredService<IPatIssuer>().IssueAsync(new PatIssueRequest { Subject = "alice", Scopes = [Scope] });
        return issued.Pat?.Token ?? throw new InvalidOperationException($"The benchmark token was not issued: {issued.Error?.Message}");
    }
}
