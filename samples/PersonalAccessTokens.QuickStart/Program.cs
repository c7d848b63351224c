using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.Tokens;
using PersonalAccessTokens;

var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });

builder.Services.AddPersonalAccessTokens(builder.Configuration.GetSection("PersonalAccessTokens"))
    // Development only: a key that lives as long as the process. Configure SigningKeys in production.
    .AddSigningKey(new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)) { KeyId = "dev-1" }, SecurityAlgorithms.HmacSha256);

using var host = builder.Build();
await host.StartAsync(); // Validates the options: a bad configuration fails here, not at the first request.

var issuer = host.Services.GetRequiredService<IPatIssuer>();
var validator = host.Services.GetRequiredService<IPatValidator>();
var revocations = host.Services.GetRequiredService<IPatRevocationStore>();

// Issue. The token text is for its user, once: store and log only its id.
var issued = await issuer.IssueAsync(new PatIssueRequest
{
    Subject = "alice",
    Name = "laptop",
    Scopes = ["repo:write"],
    Lifetime = TimeSpan.FromDays(7),
});
if (!issued.Succeeded)
{
    Console.Error.WriteLine($"Not issued: {issued.Error.Code}: {issued.Error.Message}");
    return 1;
}

Console.WriteLine($"Issued {issued.Pat.Id}, expiring {issued.Pat.ExpiresAt:u}. Shown once: {issued.Pat.Token}");

// Validate, requiring a scope that repo:write implies.
var result = await validator.ValidateAsync(issued.Pat.Token, ["repo:read"]);
Console.WriteLine(result.IsValid
    ? $"Valid: {result.Pat.Subject} may use {string.Join(' ', result.Pat.Scopes)}"
    : $"Rejected: {result.Failure}");

// Revoke it: the very next validation fails.
await revocations.RevokeAsync(issued.Pat);
var afterRevocation = await validator.ValidateAsync(issued.Pat.Token);
Console.WriteLine($"After revocation: {afterRevocation.Failure} ({afterRevocation.Message})");

await host.StopAsync();
return result.IsValid && afterRevocation.Failure == PatValidationFailure.Revoked ? 0 : 1;
