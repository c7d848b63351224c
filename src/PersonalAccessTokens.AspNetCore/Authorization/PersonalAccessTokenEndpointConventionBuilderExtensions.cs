using PersonalAccessTokens.AspNetCore;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Adds scope requirements to endpoints and route groups.</summary>
public static class PersonalAccessTokenEndpointConventionBuilderExtensions
{
    /// <summary>
    /// Requires the caller's token to grant every one of <paramref name="scopes"/>, directly or by implication, through
    /// the <c>PersonalAccessToken</c> scheme whatever the app's default scheme is (see <see cref="PersonalAccessTokens.AspNetCore.RequireScopeAttribute"/>).
    /// </summary>
    /// <typeparam name="TBuilder">The endpoint or route group builder.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <param name="scopes">The scopes required; at least one.</param>
    /// <returns>The builder, so calls chain.</returns>
    public static TBuilder RequireScope<TBuilder>(this TBuilder builder, params string[] scopes)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.RequireAuthorization(new RequireScopeAttribute(scopes));
    }
}
