using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace PersonalAccessTokens.SampleApi;

/// <summary>
/// DEVELOPMENT ONLY. Signs the caller in as whichever user the <c>X-Dev-User</c> header (or <c>?devUser=</c>)
/// names, with no password, so the walkthrough can mint tokens. It stands in for a real login such as cookies or
/// OpenID Connect, and is registered only in the Development environment.
/// </summary>
internal sealed class DevelopmentLoginHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "DevelopmentLogin";
    public const string HeaderName = "X-Dev-User";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? user = Request.Headers[HeaderName];
        user ??= Request.Query["devUser"];
        if (string.IsNullOrWhiteSpace(user))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, user), new Claim(ClaimTypes.Name, user)], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }
}
