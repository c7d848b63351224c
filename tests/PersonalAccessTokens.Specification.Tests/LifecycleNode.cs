using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.Tokens;

namespace PersonalAccessTokens.Specification.Tests;

/// <summary>One service node: a started host with the library, its own clock, and the store under test.</summary>
public sealed class LifecycleNode : IAsyncDisposable
{
    public static readonly byte[] Secret = [.. Enumerable.Range(1, 32).Select(i => (byte)i)];

    private bool _stopped;

    private LifecycleNode(IHost host, FakeTimeProvider time)
    {
        Host = host;
        Time = time;
    }

    public IHost Host { get; }

    public FakeTimeProvider Time { get; }

    public IPatIssuer Issuer => Host.Services.GetRequiredService<IPatIssuer>();

    public IPatValidator Validator => Host.Services.GetRequiredService<IPatValidator>();

    public IPatManager Manager => Host.Services.GetRequiredService<IPatManager>();

    public IPatRecordStore Records => Host.Services.GetRequiredService<IPatRecordStore>();

    public static async Task<LifecycleNode> StartAsync(DateTimeOffset start, Action<PersonalAccessTokenBuilder> store, Action<IServiceCollection>? services = null)
    {
        var time = new FakeTimeProvider(start);
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddSingleton<TimeProvider>(time);
        var tokens = builder.Services.AddPersonalAccessTokens(o =>
            {
                o.Issuer = "https://issuer.example";
                o.Audience = "https://api.example";
            })
            .AddSigningKey(new SymmetricSecurityKey(Secret) { KeyId = "hmac-1" }, SecurityAlgorithms.HmacSha256)
            .AddScope("repo:read")
            .AddScope("repo:write", implies: ["repo:read"]);
        store(tokens);
        services?.Invoke(builder.Services);
        var host = builder.Build();
        await host.StartAsync();
        return new LifecycleNode(host, time);
    }

    public async Task<IssuedPat> IssueAsync(string subject = "alice", string? name = "laptop", string[]? scopes = null, TimeSpan? lifetime = null)
    {
        var result = await Issuer.IssueAsync(new PatIssueRequest { Subject = subject, Name = name, Scopes = scopes ?? ["repo:read"], Lifetime = lifetime });
        Assert.That(result.Succeeded, Is.True, () => result.Error!.Message);
        return result.Pat!;
    }

    public async Task<PatValidationFailure> ValidateAsync(IssuedPat pat) => (await Validator.ValidateAsync(pat.Token)).Failure;

    public async Task StopAsync()
    {
        if (!_stopped)
        {
            _stopped = true;
            await Host.StopAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Host.Dispose();
    }
}
