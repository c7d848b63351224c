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

/// <summary>Source-generated JSON for the endpoints' bodies: no reflection, so the package trims and compiles ahead of time.</summary>
[System.Text.Json.Serialization.JsonSourceGenerationOptions(System.Text.Json.JsonSerializerDefaults.Web)]
[System.Text.Json.Serialization.JsonSerializable(typeof(CreateTokenRequest))]
[System.Text.Json.Serialization.JsonSerializable(typeof(TokenResponse))]
internal sealed partial class TokenJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
