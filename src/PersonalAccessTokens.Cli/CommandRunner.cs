namespace PersonalAccessTokens.Cli;

/// <summary>Turns an error the user can fix into one line and its exit code; nothing ends in a stack trace.</summary>
internal static class CommandRunner
{
    public static int Run(CliContext context, Func<int> action)
    {
        try
        {
            return action();
        }
        catch (CliException ex)
        {
            context.Error.WriteLine($"pat: {ex.Message}");
            return ex.ExitCode;
        }
    }

    public static async Task<int> RunAsync(CliContext context, Func<Task<int>> action)
    {
        try
        {
            return await action().ConfigureAwait(false);
        }
        catch (CliException ex)
        {
            await context.Error.WriteLineAsync($"pat: {ex.Message}").ConfigureAwait(false);
            return ex.ExitCode;
        }
    }
}
