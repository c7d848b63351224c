using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
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
        var database = "t" + Guid.NewGuid().ToString("N");
        await using var connection = new NpgsqlConnection(_server.ConnectionString());
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE {database}", connection);
        await create.ExecuteNonQueryAsync();
        _connectionString = _server.ConnectionString(database);
    }

    protected override void UseStore(PersonalAccessTokenBuilder builder) =>
        builder.AddEntityFrameworkStore(o => o.UseNpgsql(_connectionString));
}
