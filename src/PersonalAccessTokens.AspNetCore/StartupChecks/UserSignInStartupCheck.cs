using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PersonalAccessTokens.AspNetCore;

/// <summary>
/// Warns at start-up when <c>MapPersonalAccessTokens</c> is mapped but no scheme can sign a user in to mint the first
/// token: every <c>POST</c> to it would be challenged with a bare 401, and the log would only say "was challenged".
/// </summary>
internal sealed class UserSignInStartupCheck : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        next(app);
        var services = app.ApplicationServices;
        if (services.GetService<EndpointDataSource>() is not { } endpoints)
        {
            return;
        }

        var schemes = services.GetRequiredService<IAuthenticationSchemeProvider>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("PersonalAccessTokens.AspNetCore.TokenEndpoints");
        foreach (var endpoint in endpoints.Endpoints)
        {
            if (endpoint.Metadata.GetMetadata<TokenMintingEndpointMetadata>() is { } minting && WhyNobodySignsIn(minting, schemes) is { } why)
            {
                logger.NoUserSignIn(EndpointDescription.Describe(endpoint), why);
            }
        }
    };

    private static string? WhyNobodySignsIn(TokenMintingEndpointMetadata minting, IAuthenticationSchemeProvider schemes)
    {
        // A start-up filter has no async hook; the default provider answers synchronously.
        if (minting.UserAuthenticationSchemes.Count == 0)
        {
            var fallback = schemes.GetDefaultAuthenticateSchemeAsync().GetAwaiter().GetResult();
            return fallback is null
                ? "UserAuthenticationSchemes is empty and there is no default authentication scheme"
                : IsTokenScheme(fallback)
                    ? $"UserAuthenticationSchemes is empty and the default scheme, '{fallback.Name}', reads personal access tokens, not users"
                    : null;
        }

        var users = minting.UserAuthenticationSchemes.Select(name => schemes.GetSchemeAsync(name).GetAwaiter().GetResult());
        return users.All(scheme => scheme is null || IsTokenScheme(scheme))
            ? $"UserAuthenticationSchemes ({string.Join(", ", minting.UserAuthenticationSchemes)}) names no registered user sign-in scheme"
            : null;
    }

    private static bool IsTokenScheme(AuthenticationScheme scheme) => scheme.HandlerType == typeof(PersonalAccessTokenHandler);
}
