using PersonalAccessTokens.HttpBenchmarks;

// Serves the benchmark endpoints on the --urls given; writes the token the requests present to the file named by
// --token-file, for wrk's script. Logging is off: the benchmark measures requests, not console output.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
HttpBenchmarkApp.AddServices(builder.Services);
var app = builder.Build();
HttpBenchmarkApp.MapEndpoints(app);

var tokenFile = app.Configuration["token-file"] ?? throw new InvalidOperationException("Pass --token-file <path>.");
await File.WriteAllTextAsync(tokenFile, await HttpBenchmarkApp.IssueTokenAsync(app.Services));
await app.RunAsync();
