using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;

namespace PersonalAccessTokens.Cli;

/// <summary><c>pat issue</c>: a token through the service's own issuer, keys, catalog and policy.</summary>
internal static class IssueCommand
{
    public static Command Create(CliContext context)
    {
        var subject = new Option<string>("--sub") { Description = "The user or service account the token belongs to.", Required = true };
        var scopes = new Option<string[]>("--scope") { Description = "A scope to grant; repeat for more.", AllowMultipleArgumentsPerToken = true };
        var name = new Option<string?>("--name") { Description = "A name for the token." };
        var days = new Option<int?>("--days") { Description = "The lifetime in days; defaults to the configured DefaultLifetime." };
        var config = CommonOptions.Config();
        var section = CommonOptions.Section();
        var command = new Command("issue", "Issues a token. Only the token goes to stdout, so TOKEN=$(pat issue ...) works; its id, expiry and scopes go to stderr.")
        {
            subject, scopes, name, days, config, section,
        };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(context, async () =>
        {
            if (parse.GetValue(days) is <= 0)
            {
                throw new CliException(ExitCodes.Usage, "--days must be a positive number of days.");
            }

            await using var services = TokenServices.Build(parse.GetValue(config), parse.GetValue(section));
            var result = await services.GetRequiredService<IPatIssuer>().IssueAsync(new PatIssueRequest
            {
                Subject = parse.GetValue(subject)!,
                Name = parse.GetValue(name),
                Scopes = parse.GetValue(scopes) ?? [],
                Lifetime = parse.GetValue(days) is { } d ? TimeSpan.FromDays(d) : null,
            }, cancellationToken);
            if (!result.Succeeded)
            {
                throw new CliException(ExitCodes.Usage, $"Not issued: {result.Error.Code}: {result.Error.Message}");
            }

            await context.Output.WriteLineAsync(result.Pat.Token);
            await context.Error.WriteLineAsync($"Issued {result.Pat.Id} for {result.Pat.Subject}, expiring {result.Pat.ExpiresAt:u}, scopes: {string.Join(' ', result.Pat.Scopes)}.");
            return ExitCodes.Success;
        }));
        return command;
    }
}
