using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PersonalAccessTokens.Benchmarks.Http;
using PersonalAccessTokens.HttpBenchmarks;

namespace PersonalAccessTokens.Benchmarks;

/// <summary>
/// One request through the whole ASP.NET Core pipeline in process, on the endpoints benchmarks/http/run.sh loads
/// over loopback: anonymous, a scheme that does no work (the baseline: the floor ASP.NET Core's own authentication
/// and authorization set), the PAT scheme with RequireScope on a warm HS256 token, and JwtBearer on the same token.
/// </summary>
[MemoryDiagnoser]
public class HttpRequestBenchmarks
{
    private WebApplication _app = null!;
    private InProcessServer _server = null!;
    private string _authorization = null!;

    [GlobalSetup]
    public void Setup()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IServer, InProcessServer>();
        HttpBenchmarkApp.AddServices(builder.Services);
        _app = builder.Build();
        HttpBenchmarkApp.MapEndpoints(_app);
        _app.StartAsync().GetAwaiter().GetResult();
        _server = (InProcessServer)_app.Services.GetRequiredService<IServer>();
        _authorization = "Bearer " + HttpBenchmarkApp.IssueTokenAsync(_app.Services).GetAwaiter().GetResult();

        foreach (var (path, _) in HttpBenchmarkApp.Endpoints)
        {
            var status = Send(path).GetAwaiter().GetResult();
            if (status != StatusCodes.Status200OK)
            {
                throw new InvalidOperationException($"GET {path} answered {status}, not 200.");
            }
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _app.StopAsync().GetAwaiter().GetResult();
        _app.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Description = "anonymous")]
    public Task<int> Anonymous() => Send("/anonymous");

    [Benchmark(Baseline = true, Description = "no-work scheme, RequireAuthenticatedUser")]
    public Task<int> NoWorkScheme() => Send("/no-work");

    [Benchmark(Description = "PAT scheme, RequireScope, warm HS256")]
    public Task<int> PersonalAccessToken() => Send("/pat");

    [Benchmark(Description = "JwtBearer, RequireClaim(scope), same token")]
    public Task<int> JwtBearer() => Send("/jwt-bearer");

    private Task<int> Send(string path) => _server.GetAsync(path, _authorization);
}
