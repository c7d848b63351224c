using Microsoft.Extensions.Logging;

namespace PersonalAccessTokens.EntityFrameworkCore;

/// <summary>The store's log messages. They name tokens by id, never by their text.</summary>
internal static partial class StoreLog
{
    [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "Loaded the revocation list from the database: {Entries} entries.")]
    public static partial void Loaded(ILogger logger, int entries);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Warning, Message = "Could not read revocations from the database; answering from this node's replica. Past {StalenessLimit} of failures every token is refused.")]
    public static partial void PollFailed(ILogger logger, Exception exception, TimeSpan stalenessLimit);
}
