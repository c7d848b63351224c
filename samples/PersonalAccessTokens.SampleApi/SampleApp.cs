using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.Tokens;
using PersonalAccessTokens.AspNetCore;

namespace PersonalAccessTokens.SampleApi;

/// <summary>The sample service: built here so the tests can start exactly what <c>dotnet run</c> starts.</summary>
public static class SampleApp
{
    private static readonly List<string> Repositories = ["octo/hello", "octo/world"];

    public static WebApplication Create(string[] args)
    {
        // The app's folder, not the shell's: dotnet run --project starts it from wherever you are.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });

        var tokens = builder.Services.AddPersonalAccessTokens(builder.Configuration.GetSection("PersonalAccessTokens"));
        if (!builder.Configuration.GetSection("PersonalAccessTokens:SigningKeys").Exists())
        {
            // Embedded default for a first run: an ES256 key made once and kept beside the app, under bin/,
            // which git ignores. Configure SigningKeys for anything but local development.
            var keyFile = Path.Combine(builder.Environment.ContentRootPath, ".dev-keys", "signing-key.pem");
            tokens.AddSigningKey(DevelopmentSigningKey.LoadOrCreate(keyFile), SecurityAlgorithms.EcdsaSha256);
        }

        // Token records and revocations in SQLite, so a restart forgets nothing. The file sits beside the app, under
        // bin/, which git ignores; ConnectionStrings:PersonalAccessTokens moves it.
        var database = builder.Configuration.GetConnectionString("PersonalAccessTokens")
            ?? $"Data Source={Path.Combine(builder.Environment.ContentRootPath, "personal-access-tokens.db")}";
        tokens.AddEntityFrameworkStore(options => options.UseSqlite(database));

        var authentication = builder.Services.AddAuthentication(PersonalAccessTokenAuthenticationDefaults.AuthenticationScheme)
            .AddPersonalAccessToken();
        var developmentLogin = builder.Environment.IsDevelopment();
        if (developmentLogin)
        {
            authentication.AddScheme<AuthenticationSchemeOptions, DevelopmentLoginHandler>(DevelopmentLoginHandler.SchemeName, displayName: null, _ => { });
        }

        var app = builder.Build();
        if (developmentLogin)
        {
            app.Logger.DevelopmentLoginEnabled(DevelopmentLoginHandler.HeaderName);
        }

        // Token management: minting and revoke-all need the signed-in user (here, the development login).
        app.MapPersonalAccessTokens("/tokens", options =>
        {
            if (developmentLogin)
            {
                options.UserAuthenticationSchemes.Add(DevelopmentLoginHandler.SchemeName);
            }
        });
        app.MapPersonalAccessTokenKeys("/.well-known/pat-keys.json");

        // The API itself: each endpoint needs a different scope.
        var repos = app.MapGroup("/repos");
        repos.MapGet("/", () => Repositories.ToArray()).RequireScope("repo:read");
        repos.MapPost("/", (CreateRepository body) =>
        {
            Repositories.Add(body.Name);
            return Results.Created($"/repos/{body.Name}", body);
        }).RequireScope("repo:write");
        app.MapDelete("/orgs/{org}", (string org) => Results.NoContent()).RequireScope("admin:org");

        return app;
    }

    private sealed record CreateRepository(string Name);
}
