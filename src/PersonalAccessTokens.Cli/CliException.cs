namespace PersonalAccessTokens.Cli;

/// <summary>An error the user can fix: printed as one line, never as a stack trace.</summary>
internal sealed class CliException(int exitCode, string message) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
