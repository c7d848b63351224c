using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;

namespace PersonalAccessTokens.Cli;

/// <summary>
/// <c>pat validate</c>: the library's validator, with the service's configuration. It holds no revocation list, so a
/// revoked token that is otherwise valid passes here; the service refuses it.
/// </summary>
internal static class ValidateCommand
{
    public static Command Create(CliContext context)
    {
        var token = CommonOptions.Token();
        var scopes = new Option<string[]>("--scope") { Description = "A scope the token must grant; repeat for more.", AllowMultipleArgumentsPerToken = true };
        var config = CommonOptions.Config();
        var section = CommonOptions.Section();
        var jwks = new Option<string?>("--jwks") { Description = "Validate with public keys only, from a key set file or URL (10 s timeout), as a service that does not issue; needs --issuer and --audience." };
        var issuer = new Option<string?>("--issuer") { Description = "With --jwks: the issuer the token must name." };
        var audience = new Option<string?>("--audience") { Description = "With --jwks: the audience the token must name." };
        var prefix = new Option<string?>("--prefix") { Description = "With --jwks: the token prefix, if the service uses one." };
        var command = new Command(
            "validate",
            "Validates a token with the service's configuration, exactly as the service does except for revocation: this tool holds no revocation list. Exit 0 valid, 1 invalid. The token is never printed.")
        {
            token, scopes, config, section, jwks, issuer, audience, prefix,
        };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(context, async () =>
        {
            var text = TokenInput.Read(parse.GetValue(token), context);
            await using var services = parse.GetValue(jwks) is { } keySet
                ? await PublicKeyServices.BuildAsync(
                    keySet,
                    parse.GetValue(issuer) ?? throw new CliException(ExitCodes.Usage, "--jwks needs --issuer."),
                    parse.GetValue(audience) ?? throw new CliException(ExitCodes.Usage, "--jwks needs --audience."),
                    parse.GetValue(prefix),
                    cancellationToken)
                : TokenServices.Build(parse.GetValue(config), parse.GetValue(section));
            var result = await services.GetRequiredService<IPatValidator>().ValidateAsync(text, parse.GetValue(scopes) ?? [], cancellationToken);
            if (!result.IsValid)
            {
                await context.Output.WriteLineAsync($"{result.Failure}: {result.Message}");
                return ExitCodes.InvalidToken;
            }

            await context.Output.WriteLineAsync($"valid: {result.Pat.Id} of {result.Pat.Subject}, scopes: {string.Join(' ', result.Pat.Scopes)}, expires {result.Pat.ExpiresAt:u}");
            return ExitCodes.Success;
        }));
        return command;
    }
}
