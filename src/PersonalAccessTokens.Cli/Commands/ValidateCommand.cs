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
        var command = new Command(
            "validate",
            "Validates a token with the service's configuration, exactly as the service does except for revocation: this tool holds no revocation list. Exit 0 valid, 1 invalid. The token is never printed.")
        {
            token, scopes, config, section,
        };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(context, async () =>
        {
            var text = TokenInput.Read(parse.GetValue(token), context);
            await using var services = TokenServices.Build(parse.GetValue(config), parse.GetValue(section));
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
