using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using PersonalAccessTokens;
using PersonalAccessTokens.EntityFrameworkCore;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the EF Core store: token records and, unless another store carries them, durable revocations.</summary>
public static class EntityFrameworkStoreExtensions
{
    /// <summary>
    /// Stores records and revocations in a database of their own, e.g. <c>o => o.UseSqlite("Data Source=pat.db")</c>.
    /// The schema is created when first needed; that is idempotent, so a second host on the same database finds it ready.
    /// </summary>
    /// <param name="builder">The personal access token builder.</param>
    /// <param name="configureDatabase">Chooses the provider and connection.</param>
    /// <param name="configure">Sets the store's options.</param>
    /// <returns>The builder, so calls chain.</returns>
    public static PersonalAccessTokenBuilder AddEntityFrameworkStore(
        this PersonalAccessTokenBuilder builder, Action<DbContextOptionsBuilder> configureDatabase, Action<EntityFrameworkStoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configureDatabase);
        builder.Services.AddDbContextFactory<PersonalAccessTokensDbContext>(configureDatabase);
        builder.Services.TryAddSingleton<PatDbContextSource, OwnContextSource>();
        return AddStore(builder, configure);
    }

    /// <summary>
    /// Stores records and revocations through the host's <typeparamref name="TContext"/>, whose <c>OnModelCreating</c>
    /// calls <c>modelBuilder.ApplyPersonalAccessTokens()</c>: the tables join the host's own migrations.
    /// </summary>
    /// <typeparam name="TContext">The host's context, registered with <c>AddDbContext</c>.</typeparam>
    /// <param name="builder">The personal access token builder.</param>
    /// <param name="configure">Sets the store's options.</param>
    /// <returns>The builder, so calls chain.</returns>
    public static PersonalAccessTokenBuilder AddEntityFrameworkStore<TContext>(this PersonalAccessTokenBuilder builder, Action<EntityFrameworkStoreOptions>? configure = null)
        where TContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton<PatDbContextSource, HostContextSource<TContext>>();
        return AddStore(builder, configure);
    }

    private static PersonalAccessTokenBuilder AddStore(PersonalAccessTokenBuilder builder, Action<EntityFrameworkStoreOptions>? configure)
    {
        var services = builder.Services;
        services.AddOptions<EntityFrameworkStoreOptions>()
            .Configure(o => configure?.Invoke(o))
            .Validate(o => o.RevocationPollInterval > TimeSpan.Zero, "PersonalAccessTokens.EntityFrameworkCore: RevocationPollInterval must be positive.")
            .Validate(o => o.StalenessLimit > TimeSpan.Zero, "PersonalAccessTokens.EntityFrameworkCore: StalenessLimit must be positive.")
            .ValidateOnStart();
        builder.UseRecordStore<EntityFrameworkPatRecordStore>();

        // Revocations too, unless a store of another package (Redis) carries them: then the database keeps the records.
        var current = services.LastOrDefault(d => d.ServiceType == typeof(IPatRevocationStore));
        if (current?.ImplementationType is null || current.ImplementationType.Assembly == typeof(IPatRevocationStore).Assembly
            || current.ImplementationType == typeof(EntityFrameworkPatRevocationStore))
        {
            services.TryAddSingleton<DatabaseRevocationReplica>();
            services.TryAddSingleton<DatabaseRevocationReplicator>();
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, DatabaseRevocationReplicator>(sp => sp.GetRequiredService<DatabaseRevocationReplicator>()));
            builder.UseRevocationStore<EntityFrameworkPatRevocationStore>();
        }

        return builder;
    }
}
