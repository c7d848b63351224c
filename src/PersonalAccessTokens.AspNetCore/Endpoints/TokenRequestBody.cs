using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;

namespace PersonalAccessTokens.AspNetCore;

/// <summary>
/// Reads a token endpoint's JSON body strictly. An unknown member is refused by name: <c>{"expiresIn": 7}</c>
/// silently ignored would mint a token of the default lifetime, which the caller never asked for.
/// </summary>
internal static class TokenRequestBody
{
    public static bool TryRead<T>(byte[] json, JsonTypeInfo<T> typeInfo, [NotNullWhen(true)] out T? body, [NotNullWhen(false)] out IResult? problem)
        where T : class
    {
        var members = typeInfo.Properties.Select(p => p.Name).ToArray();
        var shape = "{" + string.Join(", ", members.Select(m => $"\"{m}\": ...")) + "}";
        try
        {
            // The context disallows unmapped members, so an unknown one throws with its path.
            body = JsonSerializer.Deserialize(json, typeInfo);
        }
        catch (JsonException ex)
        {
            body = null;
            var member = ex.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : null;
            problem = member is null
                ? Invalid($"The request body is not valid JSON. Send {shape}.")
                : members.Contains(member, StringComparer.OrdinalIgnoreCase)
                    ? Invalid($"'{member}' has the wrong type. Send {shape}.")
                    : Invalid($"'{member}' is not a member of this request; it takes {string.Join(", ", members)}.");
            return false;
        }

        if (body is null)
        {
            problem = Invalid($"The request body must be a JSON object: {shape}.");
            return false;
        }

        problem = null;
        return true;
    }

    public static IResult Invalid(string detail) =>
        Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The request is invalid.", detail: detail);
}
