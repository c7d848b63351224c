var builder = WebApplication.CreateBuilder(args);
builder.Services.AddPersonalAccessTokens(builder.Configuration.GetSection("PersonalAccessTokens"))
    .AddRedisRevocation(builder.Configuration.GetConnectionString("Redis") ?? "localhost:6379");
builder.Services.AddAuthentication().AddPersonalAccessToken();
builder.Services.AddHealthChecks().AddRedisRevocationCheck();

var app = builder.Build();
app.MapHealthChecks("/healthz");
app.MapGet("/repos", () => "octo/hello, octo/world").RequireScope("repo:read");
app.Run();
