using System.Text.Json;

namespace PersonalAccessTokens;

/// <summary>The JOSE header members validation needs. A member that is missing or not a string is not present.</summary>
internal readonly struct JwtHeader
{
    public JsonString Type { get; private init; }

    public JsonString KeyId { get; private init; }

    public JsonString Algorithm { get; private init; }

    /// <summary>
    /// Reads the header in one pass. False means <see cref="PatValidationFailure.Malformed"/>: not one JSON object,
    /// too deep, a duplicate member, or a <c>crit</c> member.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> json, Span<byte> nameArena, out JwtHeader header)
    {
        header = default;
        JsonString type = default, keyId = default, algorithm = default;
        try
        {
            var reader = new Utf8JsonReader(json, JsonLimits.ReaderOptions);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            var names = new MemberNames(nameArena, stackalloc int[MemberNames.MaxMembers]);
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (!names.TryAdd(in reader))
                {
                    return false;
                }

                // RFC 7515 §4.1.11: a crit header demands extensions we don't implement, so it must be refused,
                // even when empty; IdentityModel ignores crit, which would silently drop the sender's requirement.
                if (reader.ValueTextEquals("crit"u8))
                {
                    return false;
                }

                var isType = reader.ValueTextEquals("typ"u8);
                var isKeyId = !isType && reader.ValueTextEquals("kid"u8);
                var isAlgorithm = !isType && !isKeyId && reader.ValueTextEquals("alg"u8);
                reader.Read();
                if (reader.TokenType != JsonTokenType.String || !(isType || isKeyId || isAlgorithm))
                {
                    reader.Skip();
                    continue;
                }

                var value = JsonString.From(ref reader);
                if (isType)
                {
                    type = value;
                }
                else if (isKeyId)
                {
                    keyId = value;
                }
                else
                {
                    algorithm = value;
                }
            }

            // The object must close the segment: nothing may follow it.
            if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
            {
                return false;
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // Invalid JSON, depth over the limit, or an escape that is not valid UTF-16.
            return false;
        }

        header = new JwtHeader { Type = type, KeyId = keyId, Algorithm = algorithm };
        return true;
    }
}
