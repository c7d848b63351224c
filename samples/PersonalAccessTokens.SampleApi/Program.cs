using PersonalAccessTokens.SampleApi;

await SampleApp.Create(args).RunAsync();
