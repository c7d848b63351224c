using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PersonalAccessTokens;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers personal access tokens with a service collection.</summary>
public static class PersonalAccessTokenServiceCollectionExtensions
{
    /// <summary>Registers the issuer, validator, key ring, scope catalog and in-memory revocation store, configured in code.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the options, e.g. issuer and audience.</param>
    /// <returns>A builder to add keys and scopes and replace the pluggable parts.</returns>
    public static PersonalAccessTokenBuilder AddPersonalAccessTokens(this IServiceCollection services, Action<PersonalAccessTokenOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.Configure(configure);
        return AddPersonalAccessTokens(services);
    }

    /// <summary>Registers personal access tokens configured from a configuration section, such as <c>"PersonalAccessTokens"</c>.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The section that binds to <see cref="PersonalAccessTokenOptions"/>.</param>
    /// <returns>A builder to add keys and scopes and replace the pluggable parts.</returns>
    public static PersonalAccessTokenBuilder AddPersonalAccessTokens(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.Configure<PersonalAccessTokenOptions>(configuration);
        services.AddSingleton(new BoundConfiguration(configuration));
        return AddPersonalAccessTokens(services);
    }

    /// <summary>Registers personal access tokens; configure them with the builder or <c>services.Configure</c>. Safe to call more than once.</summary>
    /// <param name="services">The service collection.</param>
    /// <returns>A builder to add keys and scopes and replace the pluggable parts.</returns>
    public static PersonalAccessTokenBuilder AddPersonalAccessTokens(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.Any(d => d.ServiceType == typeof(PersonalAccessTokensMarker)))
        {
            return new PersonalAccessTokenBuilder(services);
        }

        services.AddSingleton<PersonalAccessTokensMarker>();

        // ValidateOnStart adds a configure action on each call, hence the marker above.
        services.AddOptions<PersonalAccessTokenOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PersonalAccessTokenOptions>, PersonalAccessTokenOptionsValidator>());

        // TryAdd throughout: a second call adds nothing, and a host's own registration wins whether it
        // comes before or after this one (for TimeProvider above all, so tests can pass a FakeTimeProvider).
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IPatSigningKeyProvider, ConfiguredSigningKeyProvider>();
        services.TryAddSingleton<PatKeyRing>();
        services.TryAddSingleton<IPatJsonWebKeySetProvider, PatJsonWebKeySetProvider>();
        services.TryAddSingleton<IPatScopePolicy, PatScopeCatalogPolicy>();
        services.TryAddSingleton<IPatRevocationStore, InMemoryPatRevocationStore>();
        services.TryAddSingleton<PatIssuer>();
        services.TryAddSingleton<IPatIssuer>(sp => sp.GetRequiredService<PatIssuer>());
        services.TryAddSingleton<IPatValidator, PatValidator>();

        // The lifecycle: records (in memory unless a store is registered), usage, reuse detection, maintenance.
        services.TryAddSingleton<IPatRecordStore, InMemoryPatRecordStore>();
        services.TryAddSingleton<IPatManager, PatManager>();
        services.TryAddSingleton<PatUsageRecorder>();
        services.TryAddSingleton<IPatUsageRecorder>(sp => sp.GetRequiredService<PatUsageRecorder>());
        services.TryAddSingleton<ReuseDetector>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, PatUsageFlusher>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, PatRecordMaintenance>());
        return new PersonalAccessTokenBuilder(services);
    }

    /// <summary>Marks a collection that has the core services, so a second call adds nothing.</summary>
    private sealed class PersonalAccessTokensMarker;
}
