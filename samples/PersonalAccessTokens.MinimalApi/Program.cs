var builder = WebApplication.CreateBuilder(args);
builder.Services.AddPersonalAccessTokens(builder.Configuration.GetSection("PersonalAccessTokens"));
builder.Services.AddAuthentication().AddPersonalAccessToken();

var app = builder.Build();
app.MapGet("/repos", () => "octo/hello, octo/world").RequireScope("repo:read");
app.Run();
