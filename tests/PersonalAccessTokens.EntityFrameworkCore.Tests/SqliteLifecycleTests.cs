using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PersonalAccessTokens.EntityFrameworkCore.Tests.Support;

namespace PersonalAccessTokens.EntityFrameworkCore.Tests;

/// <summary>The lifecycle specification on a SQLite file, the sample's default.</summary>
public sealed class SqliteLifecycleTests : DatabaseLifecycleSpecification
{
    private string _directory = "";
    private string _file = "";

    protected override Task ResetAsync()
    {
        _directory = Directory.CreateTempSubdirectory("pat-sqlite-").FullName;
        _file = Path.Combine(_directory, "tokens.db");
        return Task.CompletedTask;
    }

    protected override void UseStore(PersonalAccessTokenBuilder builder) =>
        builder.AddEntityFrameworkStore(o => o.UseSqlite($"Data Source={_file}"));

    [TearDown]
    public void DeleteFile()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
