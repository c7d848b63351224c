namespace PersonalAccessTokens.Cli;

/// <summary>Where a command reads and writes: the console in the tool, buffers in the tests.</summary>
/// <param name="Input">Standard input, for a token given as <c>-</c> or left out.</param>
/// <param name="Output">The requested data only, so <c>TOKEN=$(pat issue …)</c> works.</param>
/// <param name="Error">Everything else: notes, warnings and errors.</param>
/// <param name="Environment">Reads an environment variable, such as <c>PAT_TOKEN</c>.</param>
internal sealed record CliContext(TextReader Input, TextWriter Output, TextWriter Error, Func<string, string?> Environment)
{
    public static CliContext FromConsole() =>
        new(Console.In, Console.Out, Console.Error, System.Environment.GetEnvironmentVariable);
}
