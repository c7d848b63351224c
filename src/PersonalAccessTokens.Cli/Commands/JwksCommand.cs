using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;

namespace PersonalAccessTokens.Cli;

/// <summary><c>pat jwks</c>: the public key set of the configured keys, the same JSON the key-set endpoint serves.</summary>
internal static class JwksCommand
{
    public static Command Create(CliContext context)
    {
        var config = CommonOptions.Config();
        var section = CommonOptions.Section();
        var command = new Command("jwks", "Prints the public key set of the configured keys; symmetric keys are never exported.") { config, section };
        command.SetAction(parse => CommandRunner.Run(context, () =>
        {
            using var services = TokenServices.Build(parse.GetValue(config), parse.GetValue(section));
            var set = services.GetRequiredService<IPatJsonWebKeySetProvider>().GetJsonWebKeySet();
            context.Output.WriteLine(System.Text.Encoding.UTF8.GetString(set.ToUtf8Json()));
            return ExitCodes.Success;
        }));
        return command;
    }
}
