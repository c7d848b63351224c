using Microsoft.EntityFrameworkCore;

namespace PersonalAccessTokens.EntityFrameworkCore;

/// <summary>The package's own context, on a database of its own, for hosts that do not bring theirs.</summary>
internal sealed class PersonalAccessTokensDbContext(DbContextOptions<PersonalAccessTokensDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.ApplyPersonalAccessTokens();
}
