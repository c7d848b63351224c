using System.Buffers.Text;
using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace PersonalAccessTokens.Cli;

/// <summary>
/// <c>pat inspect</c>: what a pasted token says, decoded without verifying, with the problems the validator would
/// refuse that can be seen without keys.
/// </summary>
internal static class InspectCommand
{
    private const string NotVerified = "NOT VERIFIED: decoded only; pat validate checks the signature and every rule.";

    public static Command Create(CliContext context)
    {
        var token = CommonOptions.Token();
        var json = new Option<bool>("--json") { Description = "Prints machine-readable JSON." };
        var config = CommonOptions.Config();
        var section = CommonOptions.Section();
        var command = new Command("inspect", "Decodes a token without verifying it: prefix, header, claims, and times in UTC and relative.")
        {
            token, json, config, section,
        };
        command.SetAction(parse => CommandRunner.Run(context, () =>
        {
            var text = TokenInput.Read(parse.GetValue(token), context);
            var maxLifetime = parse.GetValue(config) is { } file
                ? ConfiguredMaxLifetime(file, parse.GetValue(section))
                : (TimeSpan?)null;
            var decoded = Decode(text);
            var warnings = Warnings(decoded.Header, decoded.Claims, maxLifetime);
            if (parse.GetValue(json))
            {
                var output = new JsonObject
                {
                    ["verified"] = false,
                    ["prefix"] = decoded.Prefix,
                    ["header"] = decoded.Header.DeepClone(),
                    ["claims"] = decoded.Claims.DeepClone(),
                    ["warnings"] = new JsonArray([.. warnings.Select(w => (JsonNode)w)]),
                };
                context.Output.WriteLine(output.ToJsonString());
                return ExitCodes.Success;
            }

            context.Output.WriteLine(NotVerified);
            context.Output.WriteLine($"prefix: {(decoded.Prefix.Length == 0 ? "(none)" : decoded.Prefix)}");
            context.Output.WriteLine($"header: {decoded.Header.ToJsonString()}");
            foreach (var (name, value) in decoded.Claims)
            {
                context.Output.WriteLine($"{name}: {Describe(name, value)}");
            }

            foreach (var warning in warnings)
            {
                context.Output.WriteLine($"warning: {warning}");
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    private static (string Prefix, JsonObject Header, JsonObject Claims) Decode(string token)
    {
        // Both JSON segments start with eyJ, the base64url of {": what precedes the first is the prefix.
        var start = token.IndexOf("eyJ", StringComparison.Ordinal);
        var parts = start < 0 ? [] : token[start..].Split('.');
        if (parts.Length != 3)
        {
            throw new CliException(ExitCodes.InvalidToken, "This is not a token: expected an optional prefix, then three base64url segments joined by dots.");
        }

        return (token[..start], Segment(parts[0], "header"), Segment(parts[1], "payload"));
    }

    private static JsonObject Segment(string text, string name)
    {
        try
        {
            return JsonNode.Parse(Base64Url.DecodeFromChars(text)) as JsonObject
                ?? throw new CliException(ExitCodes.InvalidToken, $"The token's {name} is not a JSON object.");
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            throw new CliException(ExitCodes.InvalidToken, $"The token's {name} is not base64url-encoded JSON.");
        }
    }

    private static List<string> Warnings(JsonObject header, JsonObject claims, TimeSpan? maxLifetime)
    {
        var warnings = new List<string>();
        if (header["typ"] is null)
        {
            warnings.Add("no 'typ' header: the validator refuses it as InvalidType.");
        }

        if (header["alg"]?.GetValueKind() != JsonValueKind.String || string.Equals((string?)header["alg"], "none", StringComparison.OrdinalIgnoreCase))
        {
            warnings.Add("'alg' is missing or none: the validator refuses it as InvalidAlgorithm.");
        }

        if (maxLifetime is { } max && Seconds(claims["iat"]) is { } iat && Seconds(claims["exp"]) is { } exp && TimeSpan.FromSeconds(exp - iat) > max)
        {
            warnings.Add($"it lives {TimeSpan.FromSeconds(exp - iat)}, over the configured MaxLifetime ({max}): the validator refuses it as LifetimeExceeded.");
        }

        return warnings;
    }

    private static string Describe(string name, JsonNode? value)
    {
        if (name is "iat" or "nbf" or "exp" && Seconds(value) is { } seconds)
        {
            var instant = DateTimeOffset.FromUnixTimeSeconds(seconds);
            return $"{instant:u} ({Relative(name, instant - DateTimeOffset.UtcNow)})";
        }

        return value?.ToJsonString() ?? "null";
    }

    private static string Relative(string claim, TimeSpan fromNow)
    {
        var span = fromNow.Duration();
        var amount = span.TotalDays >= 1 ? Plural((int)span.TotalDays, "day")
            : span.TotalHours >= 1 ? Plural((int)span.TotalHours, "hour")
            : Plural((int)span.TotalMinutes, "minute");
        var future = fromNow > TimeSpan.Zero;
        return claim switch
        {
            "exp" => future ? $"expires in {amount}" : $"expired {amount} ago",
            _ => future ? $"in {amount}" : $"{amount} ago",
        };
    }

    private static string Plural(int count, string unit) => count == 1 ? $"1 {unit}" : $"{count.ToString(CultureInfo.InvariantCulture)} {unit}s";

    private static long? Seconds(JsonNode? value) =>
        value is JsonValue number && number.TryGetValue(out long seconds) ? seconds : null;

    private static TimeSpan ConfiguredMaxLifetime(string config, string? section)
    {
        using var services = TokenServices.Build(config, section);
        return services.GetRequiredService<IOptions<PersonalAccessTokenOptions>>().Value.MaxLifetime;
    }
}
