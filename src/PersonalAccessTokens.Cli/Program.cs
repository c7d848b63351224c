using PersonalAccessTokens.Cli;

return await PatCli.RunAsync(args, CliContext.FromConsole());
