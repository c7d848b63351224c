namespace PersonalAccessTokens.Cli.Tests;

/// <summary>Runs the tool in-process through its parser entry point, in a folder of its own, with captured streams.</summary>
public sealed class Pat : IDisposable
{
    public Pat() => Folder = Directory.CreateTempSubdirectory("pat-cli-").FullName;

    public string Folder { get; }

    public Dictionary<string, string?> Environment { get; } = [];

    public async Task<Run> RunWithInputAsync(string stdin, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var previous = System.Environment.CurrentDirectory;
        System.Environment.CurrentDirectory = Folder;
        try
        {
            var context = new CliContext(new StringReader(stdin), output, error, name => Environment.GetValueOrDefault(name));
            var exitCode = await PatCli.RunAsync(args, context);
            return new Run(exitCode, output.ToString(), error.ToString());
        }
        finally
        {
            System.Environment.CurrentDirectory = previous;
        }
    }

    public Task<Run> RunAsync(params string[] args) => RunWithInputAsync(string.Empty, args);

    /// <summary>An appsettings.json with the issuer, audience, a prefix, a small catalog and the given key entry.</summary>
    public string WriteConfig(string keyEntryJson, string file = "appsettings.json")
    {
        var path = Path.Combine(Folder, file);
        File.WriteAllText(path, $$"""
            {
              "PersonalAccessTokens": {
                "Issuer": "https://issuer.example",
                "Audience": "https://api.example",
                "TokenPrefix": "acme_pat_",
                "SigningKeys": [ {{keyEntryJson}} ],
                "Scopes": [ { "Name": "repo:read" }, { "Name": "repo:write", "Implies": [ "repo:read" ] } ]
              }
            }
            """);
        return path;
    }

    public void Dispose() => Directory.Delete(Folder, recursive: true);

    public sealed record Run(int ExitCode, string Output, string Error);
}
