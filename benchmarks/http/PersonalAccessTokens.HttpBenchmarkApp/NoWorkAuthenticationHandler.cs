using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PersonalAccessTokens.HttpBenchmarks;

/// <summary>
/// Signs everyone in as one user with one claim, reading nothing: what ASP.NET Core's authentication and
/// authorization cost with nothing of a scheme's own. The floor the PAT scheme is measured against.
/// </summary>
public sealed class NoWorkAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "NoWork";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync() =>
        Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(
            new ClaimsPrincipal(new ClaimsIdentity([new Claim("sub", "alice")], SchemeName)), SchemeName)));
}
