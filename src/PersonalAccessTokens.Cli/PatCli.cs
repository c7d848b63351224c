using System.CommandLine;

namespace PersonalAccessTokens.Cli;

/// <summary>The <c>pat</c> command tree; the tests run it in-process through <see cref="RunAsync"/>.</summary>
internal static class PatCli
{
    public static RootCommand Create(CliContext context) =>
        new($"pat: signing keys, key sets, and issuing, inspecting and validating personal access tokens with a service's own configuration. {ExitCodes.Help}")
        {
            KeysNewCommand.Create(context),
            JwksCommand.Create(context),
            IssueCommand.Create(context),
            InspectCommand.Create(context),
            ValidateCommand.Create(context),
            RegexCommand.Create(context),
        };

    public static async Task<int> RunAsync(string[] args, CliContext context, CancellationToken cancellationToken = default)
    {
        var parse = Create(context).Parse(args);
        if (parse.Errors.Count > 0)
        {
            // Bad usage: one line naming what to fix, and the way to more.
            await context.Error.WriteLineAsync($"pat: {parse.Errors[0].Message} (see pat --help)").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        return await parse.InvokeAsync(new InvocationConfiguration { Output = context.Output, Error = context.Error }, cancellationToken).ConfigureAwait(false);
    }
}
