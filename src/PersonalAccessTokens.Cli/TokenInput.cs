namespace PersonalAccessTokens.Cli;

/// <summary>
/// Where a command finds the token: the argument, or, when it is left out or <c>-</c>, <c>PAT_TOKEN</c> and then
/// standard input. Reading it there keeps it out of shell history and the process list.
/// </summary>
internal static class TokenInput
{
    public const string Help = "The token; leave it out or give '-' to read it from PAT_TOKEN or standard input, which keeps it out of shell history.";

    public static string Read(string? argument, CliContext context)
    {
        if (!string.IsNullOrEmpty(argument) && argument != "-")
        {
            return argument.Trim();
        }

        if (argument is null && context.Environment("PAT_TOKEN") is { Length: > 0 } fromEnvironment)
        {
            return fromEnvironment.Trim();
        }

        // A file read with its trailing newline is the usual case: the token itself holds no whitespace.
        var read = context.Input.ReadToEnd().Trim();
        return read.Length > 0
            ? read
            : throw new CliException(ExitCodes.Usage, "No token: give it as the argument, in PAT_TOKEN, or on standard input.");
    }
}
