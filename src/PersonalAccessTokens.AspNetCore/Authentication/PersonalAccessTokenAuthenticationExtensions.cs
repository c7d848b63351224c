using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PersonalAccessTokens.AspNetCore;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the personal access token authentication scheme.</summary>
public static class PersonalAccessTokenAuthenticationExtensions
{
    /// <summary>Adds the scheme under its default name, <c>PersonalAccessToken</c>.</summary>
    /// <param name="builder">The authentication builder.</param>
    /// <returns>The builder, so calls chain.</returns>
    public static AuthenticationBuilder AddPersonalAccessToken(this AuthenticationBuilder builder) =>
        builder.AddPersonalAccessToken(PersonalAccessTokenAuthenticationDefaults.AuthenticationScheme, displayName: null, configure: null);

    /// <summary>Adds the scheme under its default name, configured by <paramref name="configure"/>.</summary>
    /// <param name="builder">The authentication builder.</param>
    /// <param name="configure">Sets the scheme's options.</param>
    /// <returns>The builder, so calls chain.</returns>
    public static AuthenticationBuilder AddPersonalAccessToken(this AuthenticationBuilder builder, Action<PersonalAccessTokenAuthenticationOptions> configure) =>
        builder.AddPersonalAccessToken(PersonalAccessTokenAuthenticationDefaults.AuthenticationScheme, displayName: null, configure);

    /// <summary>Adds the scheme under <paramref name="authenticationScheme"/>.</summary>
    /// <param name="builder">The authentication builder.</param>
    /// <param name="authenticationScheme">The scheme name.</param>
    /// <param name="configure">Sets the scheme's options.</param>
    /// <returns>The builder, so calls chain.</returns>
    public static AuthenticationBuilder AddPersonalAccessToken(this AuthenticationBuilder builder, string authenticationScheme, Action<PersonalAccessTokenAuthenticationOptions>? configure) =>
        builder.AddPersonalAccessToken(authenticationScheme, displayName: null, configure);

    /// <summary>
    /// Adds the scheme. Tokens are validated by the <see cref="PersonalAccessTokens.IPatValidator"/> that
    /// <c>AddPersonalAccessTokens</c> registers; this also registers the scope authorization handler.
    /// </summary>
    /// <param name="builder">The authentication builder.</param>
    /// <param name="authenticationScheme">The scheme name.</param>
    /// <param name="displayName">The scheme's display name.</param>
    /// <param name="configure">Sets the scheme's options.</param>
    /// <returns>The builder, so calls chain.</returns>
    public static AuthenticationBuilder AddPersonalAccessToken(
        this AuthenticationBuilder builder, string authenticationScheme, string? displayName, Action<PersonalAccessTokenAuthenticationOptions>? configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(authenticationScheme);

        builder.Services.AddAuthorization();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IAuthorizationHandler, PersonalAccessTokenScopeAuthorizationHandler>());

        // Checked before the server takes a request: scope typos fail start-up, a token endpoint nobody can use warns.
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IStartupFilter, RequiredScopesStartupCheck>());
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IStartupFilter, UserSignInStartupCheck>());
        return builder.AddScheme<PersonalAccessTokenAuthenticationOptions, PersonalAccessTokenHandler>(authenticationScheme, displayName, configure);
    }
}
