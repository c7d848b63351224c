namespace PersonalAccessTokens.AspNetCore;

/// <summary>The body of <c>POST /tokens</c>.</summary>
/// <param name="Name">A name for the token, such as <c>"laptop"</c>.</param>
/// <param name="Scopes">The scopes to grant.</param>
/// <param name="ExpiresInDays">The lifetime in days; omitted means the default lifetime.</param>
internal sealed record CreateTokenRequest(string? Name, string[]? Scopes, int? ExpiresInDays);

/// <summary>A token as the endpoints describe it. <see cref="Token"/> is set only in the response that mints it.</summary>
internal sealed record TokenResponse(
    string Id,
    string Subject,
    string? Name,
    IReadOnlyCollection<string> Scopes,
    DateTimeOffset IssuedAt,
    DateTimeOffset ExpiresAt,
    string? Token = null);
