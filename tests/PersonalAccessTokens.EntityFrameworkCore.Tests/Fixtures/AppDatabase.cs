using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace PersonalAccessTokens.EntityFrameworkCore.Tests.Fixtures;

// Your context: the token tables join its model, so your migrations create and change them.
public sealed class AppDbContext(DbContextOptions<AppDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.ApplyPersonalAccessTokens();
}

public static class AppDatabase
{
    public static void AddTokens(IServiceCollection services, IConfiguration configuration)
    {
        services.AddDbContext<AppDbContext>(options => options.UseNpgsql(configuration.GetConnectionString("App")));
        services.AddPersonalAccessTokens(configuration.GetSection("PersonalAccessTokens"))
            .AddEntityFrameworkStore<AppDbContext>();
    }
}
