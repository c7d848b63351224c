using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.IdentityModel.Tokens;

namespace PersonalAccessTokens;

/// <summary>Configures personal access tokens after <c>AddPersonalAccessTokens</c>. Every method returns the builder, so calls chain.</summary>
public sealed class PersonalAccessTokenBuilder
{
    internal PersonalAccessTokenBuilder(IServiceCollection services) => Services = services;

    /// <summary>The service collection, for extensions that register more services (a distributed revocation store, say).</summary>
    public IServiceCollection Services { get; }

    /// <summary>Adds a key that is active from the start and never retires.</summary>
    /// <param name="key">The key; its <see cref="SecurityKey.KeyId"/> is required.</param>
    /// <param name="algorithm">One of <see cref="PatAlgorithms.All"/>.</param>
    /// <exception cref="ArgumentException">The key has no id, is too weak, or does not fit the algorithm.</exception>
    public PersonalAccessTokenBuilder AddSigningKey(SecurityKey key, string algorithm) =>
        AddSigningKey(key, algorithm, activatesAt: null, retiresAt: null);

    /// <summary>Adds a key that signs from <paramref name="activatesAt"/> and stops validating at <paramref name="retiresAt"/>.</summary>
    /// <param name="key">The key; its <see cref="SecurityKey.KeyId"/> is required.</param>
    /// <param name="algorithm">One of <see cref="PatAlgorithms.All"/>.</param>
    /// <param name="activatesAt">When the key starts signing; <see langword="null"/> for always. The newest active key signs.</param>
    /// <param name="retiresAt">When the key stops validating; <see langword="null"/> for never.</param>
    /// <exception cref="ArgumentException">The key has no id, is too weak, does not fit the algorithm, or retires before it activates.</exception>
    public PersonalAccessTokenBuilder AddSigningKey(SecurityKey key, string algorithm, DateTimeOffset? activatesAt, DateTimeOffset? retiresAt)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(algorithm);

        // Refused here, at registration, not at the first request: a weak key must never reach production.
        var checkedKey = new PatSigningKey(key, algorithm, activatesAt, retiresAt);
        Services.Configure<AddedSigningKeys>(added => added.Keys.Add(checkedKey));
        return this;
    }

    /// <summary>Registers a plain scope in the catalog.</summary>
    /// <param name="name">An RFC 6749 §3.3 scope-token such as <c>repo:read</c>.</param>
    /// <exception cref="ArgumentException"><paramref name="name"/> is not a scope-token.</exception>
    public PersonalAccessTokenBuilder AddScope(string name) => AddScope(name, implies: [], maxLifetime: null);

    /// <summary>Registers a scope that implies others and may cap the lifetime of tokens that grant it.</summary>
    /// <param name="name">An RFC 6749 §3.3 scope-token such as <c>repo:write</c>.</param>
    /// <param name="implies">Scopes this one implies, e.g. <c>repo:read</c>; they must be registered too.</param>
    /// <param name="maxLifetime">The longest lifetime of a token granting this scope; <see langword="null"/> for no cap.</param>
    /// <exception cref="ArgumentException"><paramref name="name"/> or an implied scope is not a scope-token, or <paramref name="maxLifetime"/> is not positive.</exception>
    public PersonalAccessTokenBuilder AddScope(string name, IEnumerable<string> implies, TimeSpan? maxLifetime = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(implies);
        var implied = implies.ToList();
        if (!ScopeSyntax.IsScopeToken(name) || implied.Exists(s => !ScopeSyntax.IsScopeToken(s)))
        {
            throw new ArgumentException($"Scope names must be RFC 6749 scope-tokens: non-empty printable ASCII without spaces, quotes or backslashes.", nameof(name));
        }

        if (maxLifetime is { } max && max <= TimeSpan.Zero)
        {
            throw new ArgumentException($"The scope '{name}' needs a positive maxLifetime.", nameof(maxLifetime));
        }

        var scope = new PatScopeOptions { Name = name, Implies = implied, MaxLifetime = maxLifetime };
        Services.Configure<PersonalAccessTokenOptions>(options => options.Scopes.Add(scope));
        return this;
    }

    /// <summary>Replaces the scope catalog policy with <typeparamref name="TPolicy"/>, registered as a singleton.</summary>
    /// <typeparam name="TPolicy">The policy type.</typeparam>
    public PersonalAccessTokenBuilder UseScopePolicy<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TPolicy>()
        where TPolicy : class, IPatScopePolicy
    {
        Services.Replace(ServiceDescriptor.Singleton<IPatScopePolicy, TPolicy>());
        return this;
    }

    /// <summary>Replaces the in-memory revocation store with <typeparamref name="TStore"/>, registered as a singleton.</summary>
    /// <typeparam name="TStore">The store type.</typeparam>
    public PersonalAccessTokenBuilder UseRevocationStore<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TStore>()
        where TStore : class, IPatRevocationStore
    {
        Services.Replace(ServiceDescriptor.Singleton<IPatRevocationStore, TStore>());
        return this;
    }

    /// <summary>Replaces the in-memory record store with <typeparamref name="TStore"/>, registered as a singleton.</summary>
    /// <typeparam name="TStore">The store type.</typeparam>
    public PersonalAccessTokenBuilder UseRecordStore<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TStore>()
        where TStore : class, IPatRecordStore
    {
        Services.Replace(ServiceDescriptor.Singleton<IPatRecordStore, TStore>());
        return this;
    }

    /// <summary>Adds a reuse observer, told whenever a rotated-away token is used again and its family revoked.</summary>
    /// <typeparam name="TObserver">The observer type, registered as a singleton.</typeparam>
    public PersonalAccessTokenBuilder AddReuseObserver<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TObserver>()
        where TObserver : class, IPatReuseObserver
    {
        Services.TryAddEnumerable(ServiceDescriptor.Singleton<IPatReuseObserver, TObserver>());
        return this;
    }

    /// <summary>
    /// Replaces the configured keys with <typeparamref name="TProvider"/>, registered as a singleton.
    /// Options then need no <see cref="PersonalAccessTokenOptions.SigningKeys"/>.
    /// </summary>
    /// <typeparam name="TProvider">The provider type.</typeparam>
    public PersonalAccessTokenBuilder UseSigningKeyProvider<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TProvider>()
        where TProvider : class, IPatSigningKeyProvider
    {
        Services.Replace(ServiceDescriptor.Singleton<IPatSigningKeyProvider, TProvider>());
        Services.TryAddSingleton<CustomSigningKeyProviderMarker>();
        return this;
    }
}
