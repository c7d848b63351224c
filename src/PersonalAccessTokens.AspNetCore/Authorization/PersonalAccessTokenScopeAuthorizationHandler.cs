using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;

namespace PersonalAccessTokens.AspNetCore;

/// <summary>
/// Meets a <see cref="PersonalAccessTokenScopeRequirement"/> when the caller's scopes grant every required scope through the scope
/// policy, so implications apply. The scopes come from the validated token, or else from the principal's
/// <c>scope</c> claims. Missing scopes are left for the 403 challenge to name.
/// </summary>
internal sealed class PersonalAccessTokenScopeAuthorizationHandler(IPatScopePolicy scopePolicy) : AuthorizationHandler<PersonalAccessTokenScopeRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, PersonalAccessTokenScopeRequirement requirement)
    {
        // Only an authenticated caller can hold scopes; anonymous requests are challenged, not forbidden.
        if (context.User.Identity?.IsAuthenticated != true)
        {
            return Task.CompletedTask;
        }

        var httpContext = context.Resource as HttpContext;
        var granted = httpContext?.Features.Get<IPersonalAccessTokenFeature>()?.Pat.Scopes
            ?? context.User.FindAll(PatClaimNames.Scope).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);

        // An indexed loop, not a query or an interface's enumerator: this runs on every request, and only a refusal
        // needs the list of what is missing.
        List<string>? missing = null;
        for (var i = 0; i < requirement.Scopes.Count; i++)
        {
            if (!scopePolicy.IsGranted(granted, requirement.Scopes[i]))
            {
                (missing ??= []).Add(requirement.Scopes[i]);
            }
        }

        if (missing is null)
        {
            context.Succeed(requirement);
        }
        else if (httpContext is not null)
        {
            httpContext.Items[PersonalAccessTokenHandler.MissingScopesItem] = missing;
        }

        return Task.CompletedTask;
    }
}
