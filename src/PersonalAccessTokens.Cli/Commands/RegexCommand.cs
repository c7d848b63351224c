using System.CommandLine;

namespace PersonalAccessTokens.Cli;

/// <summary><c>pat regex</c>: the secret-scanning expression for a prefix, and the same as a gitleaks rule.</summary>
internal static class RegexCommand
{
    public static Command Create(CliContext context)
    {
        var prefix = new Option<string?>("--prefix") { Description = "The token prefix; by default the configured TokenPrefix." };
        var config = CommonOptions.Config();
        var section = CommonOptions.Section();
        var command = new Command("regex", "Prints the regular expression that finds leaked tokens, and a gitleaks [[rules]] block.") { prefix, config, section };
        command.SetAction(parse => CommandRunner.Run(context, () =>
        {
            var chosen = parse.GetValue(prefix) ?? ConfiguredPrefix(parse.GetValue(config), parse.GetValue(section));
            if (chosen.Length == 0 || !chosen.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
            {
                throw new CliException(ExitCodes.Usage, $"The prefix '{chosen}' must be [A-Za-z0-9_]+, as TokenPrefix must.");
            }

            // Both JSON segments start with eyJ, the base64url of {"; the prefix makes a match near certain.
            var regex = $@"\b{chosen}eyJ[A-Za-z0-9_-]+\.eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+";
            context.Output.WriteLine(regex);
            context.Output.WriteLine();
            context.Output.WriteLine("[[rules]]");
            context.Output.WriteLine($"id = \"{chosen.TrimEnd('_')}-personal-access-token\"");
            context.Output.WriteLine("description = \"Personal access token\"");
            context.Output.WriteLine($"regex = '''{regex}'''");
            context.Output.WriteLine($"keywords = [\"{chosen}\"]");
            return ExitCodes.Success;
        }));
        return command;
    }

    private static string ConfiguredPrefix(string? config, string? section)
    {
        using var services = TokenServices.Build(config, section);
        return Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions
            .GetRequiredService<Microsoft.Extensions.Options.IOptions<PersonalAccessTokenOptions>>(services).Value.TokenPrefix
            ?? throw new CliException(ExitCodes.Usage, "No TokenPrefix is configured: pass --prefix.");
    }
}
