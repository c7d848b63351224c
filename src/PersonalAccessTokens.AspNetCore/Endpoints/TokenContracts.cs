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

/// <summary>The body of <c>POST /tokens/self/derive</c>.</summary>
/// <param name="Scopes">The scopes to grant; each granted by the presenting token.</param>
/// <param name="ExpiresInMinutes">The lifetime in minutes; omitted means the default derived lifetime, within the parent's.</param>
/// <param name="Name">A name for the child, such as <c>"ci-job-123"</c>.</param>
internal sealed record DeriveTokenRequest(string[]? Scopes, int? ExpiresInMinutes, string? Name);

/// <summary>The body of <c>POST /tokens/{id}/rotate</c>, optional.</summary>
/// <param name="ExpiresInDays">The new token's lifetime in days; omitted means the old token's lifetime length.</param>
internal sealed record RotateTokenRequest(int? ExpiresInDays);

/// <summary>A token as <c>GET /tokens</c> lists it: what is kept of it, never its text.</summary>
internal sealed record TokenRecordResponse(
    string Id,
    string? Name,
    IReadOnlyList<string> Scopes,
    DateTimeOffset IssuedAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? LastUsedAt,
    string? LastUsedFrom,
    string Status,
    DateTimeOffset? RevokedAt,
    string? RevocationReason,
    string? RotatedFromId,
    string? RotatedToId,
    string? ParentId)
{
    public static TokenRecordResponse From(PatRecord record, DateTimeOffset now) => new(
        record.Id,
        record.Name,
        record.Scopes,
        record.IssuedAt,
        record.ExpiresAt,
        record.LastUsedAt,
        record.LastUsedFrom,
        record.GetStatus(now).ToString(),
        record.RevokedAt,
        record.RevocationReason?.ToString(),
        record.RotatedFromId,
        record.RotatedToId,
        record.ParentId);
}

/// <summary>Source-generated JSON for the endpoints' bodies: no reflection, so the package trims and compiles ahead of time.</summary>
// Unknown members are refused (TokenRequestBody names them); responses are unaffected.
[System.Text.Json.Serialization.JsonSourceGenerationOptions(
    System.Text.Json.JsonSerializerDefaults.Web,
    UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow)]
[System.Text.Json.Serialization.JsonSerializable(typeof(CreateTokenRequest))]
[System.Text.Json.Serialization.JsonSerializable(typeof(TokenResponse))]
[System.Text.Json.Serialization.JsonSerializable(typeof(RotateTokenRequest))]
[System.Text.Json.Serialization.JsonSerializable(typeof(DeriveTokenRequest))]
[System.Text.Json.Serialization.JsonSerializable(typeof(TokenRecordResponse))]
[System.Text.Json.Serialization.JsonSerializable(typeof(TokenRecordResponse[]))]
internal sealed partial class TokenJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
