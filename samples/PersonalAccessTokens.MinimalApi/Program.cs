using PersonalAccessTokens;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddPersonalAccessTokens(builder.Configuration.GetSection("PersonalAccessTokens"));
builder.Services.AddAuthentication().AddPersonalAccessToken();

var app = builder.Build();
app.MapGet("/repos", () => "octo/hello, octo/world").RequireScope("repo:read");

if (app.Environment.IsDevelopment())
{
    // Development only: a token for whoever ?user= names, to try the API. A real app mints for its signed-in
    // user with app.MapPersonalAccessTokens("/tokens", ...), or calls IPatIssuer from its own account pages.
    app.MapPost("/dev/tokens", async (string user, IPatIssuer issuer) =>
    {
        var issued = await issuer.IssueAsync(new PatIssueRequest { Subject = user, Name = "dev", Scopes = ["repo:read"] });
        return issued.Succeeded ? Results.Text(issued.Pat.Token) : Results.BadRequest(issued.Error);
    });
}

app.Run();
