using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace PersonalAccessTokens.Benchmarks.Http;

/// <summary>
/// A server that takes requests from a method call instead of a socket. The host hands it the same
/// <see cref="IHttpApplication{TContext}"/> it hands Kestrel, so a request runs the real hosting layer (its
/// <see cref="HttpContext"/>, request services scope and diagnostics) and the whole middleware pipeline, and costs
/// nothing a socket, a parser or the test server's streams would add.
/// </summary>
internal sealed class InProcessServer : IServer
{
    private Func<IFeatureCollection, Task>? _process;

    public IFeatureCollection Features { get; } = new FeatureCollection();

    public Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken)
        where TContext : notnull
    {
        _process = async features =>
        {
            var context = application.CreateContext(features);
            Exception? error = null;
            try
            {
                await application.ProcessRequestAsync(context);
            }
            catch (Exception e)
            {
                error = e;
                throw;
            }
            finally
            {
                application.DisposeContext(context, error);
            }
        };
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose()
    {
    }

    /// <summary>Sends a GET with an optional Authorization header; the response body is discarded.</summary>
    public async Task<int> GetAsync(string path, string? authorization)
    {
        var process = _process ?? throw new InvalidOperationException("The server has not started.");
        var request = new HttpRequestFeature { Method = HttpMethods.Get, Scheme = "http", Path = path, Protocol = "HTTP/1.1" };
        if (authorization is not null)
        {
            request.Headers.Authorization = authorization;
        }

        var response = new HttpResponseFeature();
        var features = new FeatureCollection();
        features.Set<IHttpRequestFeature>(request);
        features.Set<IHttpResponseFeature>(response);
        features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(Stream.Null));
        await process(features);
        return response.StatusCode;
    }
}
