using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace PersonalAccessTokens.AspNetCore;

/// <summary>Names an endpoint as a reader of the start-up messages knows it: <c>GET /repos</c>.</summary>
internal static class EndpointDescription
{
    public static string Describe(Endpoint endpoint)
    {
        if (endpoint is not RouteEndpoint route)
        {
            return endpoint.DisplayName ?? "an endpoint";
        }

        var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods;
        var path = "/" + (route.RoutePattern.RawText ?? string.Empty).TrimStart('/');
        return methods is { Count: > 0 } ? $"{string.Join(',', methods)} {path}" : path;
    }
}
