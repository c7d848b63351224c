namespace PersonalAccessTokens;

/// <summary>Why a token was not issued: a machine-readable code and a message for people.</summary>
/// <param name="Code">What went wrong.</param>
/// <param name="Message">A sentence that explains it; it never holds secret material.</param>
public sealed record PatIssueError(PatIssueErrorCode Code, string Message);
