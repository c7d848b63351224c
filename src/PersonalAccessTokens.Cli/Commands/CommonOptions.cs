using System.CommandLine;

namespace PersonalAccessTokens.Cli;

/// <summary>The options every command that reads the service's configuration shares.</summary>
internal static class CommonOptions
{
    public static Option<string?> Config() => new("--config")
    {
        Description = "The service's configuration file; defaults to appsettings.json here. Environment variables override it, as in a host.",
    };

    public static Option<string?> Section() => new("--section")
    {
        Description = $"The configuration section; defaults to {TokenServices.DefaultSection}.",
    };

    public static Argument<string?> Token() => new("token")
    {
        Description = TokenInput.Help,
        Arity = ArgumentArity.ZeroOrOne,
    };
}
