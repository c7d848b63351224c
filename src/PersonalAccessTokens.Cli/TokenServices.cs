using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace PersonalAccessTokens.Cli;

/// <summary>
/// The library as the service runs it: the same configuration section, bound the same way, environment variables
/// over the file as in a host, and a relative <c>PemFile</c> read from the file's folder, the service's content root.
/// </summary>
internal static class TokenServices
{
    public const string DefaultSection = "PersonalAccessTokens";

    public static ServiceProvider Build(string? configFile, string? section)
    {
        var path = Path.GetFullPath(configFile ?? "appsettings.json");
        if (!File.Exists(path))
        {
            throw new CliException(ExitCodes.Configuration, $"No configuration file at {path}: pass --config FILE.");
        }

        IConfiguration configuration;
        try
        {
            configuration = new ConfigurationBuilder().AddJsonFile(path, optional: false).AddEnvironmentVariables().Build();
        }
        catch (Exception ex) when (ex is FormatException or InvalidDataException or IOException or System.Text.Json.JsonException)
        {
            throw new CliException(ExitCodes.Configuration, $"{path} could not be read as JSON: {OneLine(ex.Message)}");
        }

        var services = new ServiceCollection();
        services.AddSingleton<IHostEnvironment>(new ToolEnvironment(Path.GetDirectoryName(path)!));
        services.AddPersonalAccessTokens(configuration.GetSection(section ?? DefaultSection));
        var provider = services.BuildServiceProvider();
        try
        {
            _ = provider.GetRequiredService<IOptions<PersonalAccessTokenOptions>>().Value;
            return provider;
        }
        catch (OptionsValidationException ex)
        {
            provider.Dispose();
            throw new CliException(ExitCodes.Configuration, $"{path}: {OneLine(string.Join(" ", ex.Failures))}");
        }
    }

    public static string OneLine(string text) => text.ReplaceLineEndings(" ");

    private sealed class ToolEnvironment(string contentRoot) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = Environments.Production;

        public string ApplicationName { get; set; } = "pat";

        public string ContentRootPath { get; set; } = contentRoot;

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
