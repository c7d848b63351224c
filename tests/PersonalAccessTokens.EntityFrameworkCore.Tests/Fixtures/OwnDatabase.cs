using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace PersonalAccessTokens.EntityFrameworkCore.Tests.Fixtures;

public static class OwnDatabase
{
    // Records and revocations in a database of their own; the schema is created when first needed.
    public static void AddTokens(IServiceCollection services, IConfiguration configuration) =>
        services.AddPersonalAccessTokens(configuration.GetSection("PersonalAccessTokens"))
            .AddEntityFrameworkStore(options => options.UseSqlite("Data Source=tokens.db"));
}
