using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.Tokens;
using StackExchange.Redis;

namespace PersonalAccessTokens.Redis.Tests.Support;

/// <summary>One service node: its own host and service provider, sharing the Redis and the signing key with the others.</summary>
public sealed class Node : IAsyncDisposable
{
    private static readonly byte[] Secret = [.. Enumerable.Range(1, 32).Select(i => (byte)i)];

    private Node(IHost host, FakeTimeProvider time)
    {
        Host = host;
        Time = time;
    }

    public IHost Host { get; }

    /// <summary>Starts at the real now, so the TTLs Redis computes from its own clock make sense.</summary>
    public FakeTimeProvider Time { get; }

    public IPatIssuer Issuer => Host.Services.GetRequiredService<IPatIssuer>();

    public IPatValidator Validator => Host.Services.GetRequiredService<IPatValidator>();

    public IPatRevocationStore Revocations => Host.Services.GetRequiredService<IPatRevocationStore>();

    internal RevocationReplica Replica => Host.Services.GetRequiredService<RevocationReplica>();

    internal RedisRevocationReplicator Replicator => Host.Services.GetRequiredService<RedisRevocationReplicator>();

    public static Task<Node> StartAsync(int port, Action<RedisRevocationOptions>? configure = null, Action<IServiceCollection>? services = null) =>
        StartAsync($"127.0.0.1:{port}", configure, services);

    public static async Task<Node> StartAsync(string configuration, Action<RedisRevocationOptions>? configure = null, Action<IServiceCollection>? services = null)
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.AddPersonalAccessTokens(o =>
            {
                o.Issuer = "https://issuer.example";
                o.Audience = "https://api.example";
            })
            .AddSigningKey(new SymmetricSecurityKey(Secret) { KeyId = "hmac-1" }, SecurityAlgorithms.HmacSha256)
            .AddScope("repo:read")
            .AddRedisRevocation(o =>
            {
                o.Configuration = configuration;
                o.ConfigureConnection = c =>
                {
                    // Tests wait for reconnects; retry quickly.
                    c.ReconnectRetryPolicy = new LinearRetry(100);
                    c.ConnectTimeout = 2000;
                };
                configure?.Invoke(o);
            });
        services?.Invoke(builder.Services);
        var host = builder.Build();
        await host.StartAsync();
        return new Node(host, time);
    }

    public async Task<IssuedPat> IssueAsync(string subject = "alice")
    {
        var result = await Issuer.IssueAsync(new PatIssueRequest { Subject = subject, Scopes = ["repo:read"] });
        Assert.That(result.Succeeded, Is.True, () => result.Error!.Message);
        return result.Pat!;
    }

    public async Task<PatValidationFailure> ValidateAsync(IssuedPat pat) => (await Validator.ValidateAsync(pat.Token)).Failure;

    public async ValueTask DisposeAsync()
    {
        await Host.StopAsync();
        Host.Dispose();
    }
}
