namespace PersonalAccessTokens.SampleApi;

internal static partial class SampleLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "DEVELOPMENT LOGIN IS ON: any caller may act as any user with the {Header} header. Never enable it outside development.")]
    public static partial void DevelopmentLoginEnabled(this ILogger logger, string header);
}
