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
            var members = 0;
            var seen = Member.Other;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (!JsonEscapes.IsWellFormed(ref reader))
                {
                    return false;
                }

                // RFC 7515 §4.1.11: a crit header demands extensions we don't implement, so it must be refused,
                // even when empty; IdentityModel ignores crit, which would silently drop the sender's requirement.
                if (reader.ValueTextEquals("crit"u8))
                {
                    return false;
                }

                // Known members are told apart by a bit each; only other names need comparing to each other.
                var member = reader.ValueTextEquals("typ"u8) ? Member.Type
                    : reader.ValueTextEquals("kid"u8) ? Member.KeyId
                    : reader.ValueTextEquals("alg"u8) ? Member.Algorithm
                    : Member.Other;
                if (++members > MemberNames.MaxMembers
                    || (member == Member.Other ? !names.TryAdd(in reader) : (seen & member) != 0))
                {
                    return false;
                }

                seen |= member;
                reader.Read();
                if (reader.TokenType != JsonTokenType.String || member == Member.Other)
                {
                    if (!JsonEscapes.TrySkip(ref reader))
                    {
                        return false;
                    }

                    continue;
                }

                if (!JsonEscapes.IsWellFormed(ref reader))
                {
                    return false;
                }

                var value = JsonString.From(ref reader);
                switch (member)
                {
                    case Member.Type:
                        type = value;
                        break;
                    case Member.KeyId:
                        keyId = value;
                        break;
                    default:
                        algorithm = value;
                        break;
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

    [Flags]
    private enum Member
    {
        Other = 0,
        Type = 1,
        KeyId = 2,
        Algorithm = 4,
    }
}
