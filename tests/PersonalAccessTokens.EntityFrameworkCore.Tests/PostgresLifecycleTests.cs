using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PersonalAccessTokens.EntityFrameworkCore.Tests.Support;

namespace PersonalAccessTokens.EntityFrameworkCore.Tests;

/// <summary>The lifecycle specification on PostgreSQL 15: one server for the fixture, a new database per test.</summary>
public sealed class PostgresLifecycleTests : DatabaseLifecycleSpecification
{
    private PostgresServer _server = null!;
    private string _connectionString = "";

    [OneTimeSetUp]
    public void StartServer() => _server = PostgresServer.Start();

    [OneTimeTearDown]
    public void StopServer() => _server.Dispose();

    protected override async Task ResetAsync()
    {
        _connectionString = await _server.CreateDatabaseAsync("t" + Guid.NewGuid().ToString("N"));
    }

    protected override void UseStore(PersonalAccessTokenBuilder builder) =>
        builder.AddEntityFrameworkStore(o => o.UseNpgsql(_connectionString));
}
