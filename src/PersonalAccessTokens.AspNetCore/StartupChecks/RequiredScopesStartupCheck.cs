using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace PersonalAccessTokens.AspNetCore;

/// <summary>
/// Fails start-up when an endpoint requires a scope the catalog does not register. Such a typo
/// (<c>RequireScope("repo:raed")</c>) would otherwise answer every caller 403 forever, with nothing to say why.
/// </summary>
/// <remarks>
/// Runs as a start-up filter, after the app's pipeline and endpoints are built and before the server takes a request.
/// It reads every endpoint's <see cref="RequireScopeAttribute"/>, its inline policies and the named policies it uses,
/// and the default and fallback policies. Under a scope policy that is no <see cref="IPatScopeCatalog"/> nothing is checked.
/// </remarks>
internal sealed class RequiredScopesStartupCheck : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        next(app);
        var services = app.ApplicationServices;
        if (services.GetService<IPatScopePolicy>() is not IPatScopeCatalog catalog || services.GetService<EndpointDataSource>() is not { } endpoints)
        {
            return;
        }

        var policies = services.GetRequiredService<IAuthorizationPolicyProvider>();
        var problems = new List<string>();
        Check(call => $"The default authorization policy ({call})", policies.GetDefaultPolicyAsync().GetAwaiter().GetResult()?.Requirements, catalog, problems);
        Check(call => $"The fallback authorization policy ({call})", policies.GetFallbackPolicyAsync().GetAwaiter().GetResult()?.Requirements, catalog, problems);
        foreach (var endpoint in endpoints.Endpoints)
        {
            var name = EndpointDescription.Describe(endpoint);
            foreach (var metadata in endpoint.Metadata)
            {
                switch (metadata)
                {
                    case IAuthorizationRequirementData data:
                        Check(call => $"{call} on {name}", data.GetRequirements(), catalog, problems);
                        break;
                    case AuthorizationPolicy policy:
                        Check(call => $"A policy with {call} on {name}", policy.Requirements, catalog, problems);
                        break;
                    case IAuthorizeData { Policy: { Length: > 0 } policyName }:
                        // The default provider answers synchronously; a start-up filter has no async hook.
                        var named = policies.GetPolicyAsync(policyName).GetAwaiter().GetResult();
                        Check(call => $"Policy '{policyName}' ({call}) on {name}", named?.Requirements, catalog, problems);
                        break;
                }
            }
        }

        if (problems.Count > 0)
        {
            throw new InvalidOperationException(
                "Endpoints require scopes that the scope catalog does not register, so no token could ever reach them:"
                + Environment.NewLine + string.Join(Environment.NewLine, problems.Distinct()));
        }
    };

    private static void Check(Func<string, string> where, IEnumerable<IAuthorizationRequirement>? requirements, IPatScopeCatalog catalog, List<string> problems)
    {
        foreach (var requirement in requirements?.OfType<PersonalAccessTokenScopeRequirement>() ?? [])
        {
            var call = $"RequireScope({string.Join(", ", requirement.Scopes.Select(s => $"\"{s}\""))})";
            foreach (var scope in requirement.Scopes.Where(s => !catalog.IsRegistered(s)))
            {
                problems.Add($"{where(call)}: '{scope}' is not a registered scope.");
            }
        }
    }
}
