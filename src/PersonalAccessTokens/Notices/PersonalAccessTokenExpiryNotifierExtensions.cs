using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PersonalAccessTokens;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers expiry notices.</summary>
public static class PersonalAccessTokenExpiryNotifierExtensions
{
    /// <summary>
    /// Adds <typeparamref name="TNotifier"/>, told once per <see cref="PersonalAccessTokenOptions.ExpiryNoticeWindows"/>
    /// window before each active token expires. The check runs at start and hourly.
    /// </summary>
    /// <typeparam name="TNotifier">The notifier type, registered as a singleton.</typeparam>
    /// <param name="builder">The personal access token builder.</param>
    /// <returns>The builder, so calls chain.</returns>
    public static PersonalAccessTokenBuilder AddExpiryNotifier<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TNotifier>(this PersonalAccessTokenBuilder builder)
        where TNotifier : class, IPatExpiryNotifier
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IPatExpiryNotifier, TNotifier>());
        return builder;
    }
}
