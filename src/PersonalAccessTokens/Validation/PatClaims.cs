using System.Buffers.Text;
using System.Text.Json;

namespace PersonalAccessTokens;

/// <summary>
/// The claims validation needs, read in one pass over the payload. Values are judged later, in the validator's
/// rule order, so a token breaking several rules reports the first of them.
/// </summary>
internal struct PatClaims
{
    public JsonString Issuer;        // Not present if missing or not a string.
    public bool AudienceMatches;     // The audience string, or an array of strings that holds it.
    public JsonString Subject;       // Not present if missing or not a string.
    public JsonString TokenId;       // Not present if missing or not a string.
    public JsonString Name;          // Not present if missing.
    public bool NameMalformed;       // Present but not a string.
    public long? ExpiresAt;
    public long? IssuedAt;
    public long? NotBefore;
    public bool TimeMalformed;       // exp, iat or nbf present but not a JSON integer.
    public JsonString Scope;         // Not present if missing.
    public bool ScopeMalformed;      // Not a string, or not scope-tokens joined by single spaces.

    /// <summary>
    /// Reads the payload. False means <see cref="PatValidationFailure.Malformed"/>: not one JSON object, too deep,
    /// or a duplicate member.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> json, Span<byte> nameArena, ReadOnlySpan<byte> audience, out PatClaims claims)
    {
        claims = default;
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

                var claim = Identify(ref reader);
                reader.Read();
                claims.ReadValue(claim, ref reader, audience);
            }

            return reader.TokenType == JsonTokenType.EndObject && !reader.Read();
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return false;
        }
    }

    private static Claim Identify(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("iss"u8) ? Claim.Issuer
        : reader.ValueTextEquals("aud"u8) ? Claim.Audience
        : reader.ValueTextEquals("sub"u8) ? Claim.Subject
        : reader.ValueTextEquals("jti"u8) ? Claim.TokenId
        : reader.ValueTextEquals("exp"u8) ? Claim.ExpiresAt
        : reader.ValueTextEquals("iat"u8) ? Claim.IssuedAt
        : reader.ValueTextEquals("nbf"u8) ? Claim.NotBefore
        : reader.ValueTextEquals("scope"u8) ? Claim.Scope
        : reader.ValueTextEquals("name"u8) ? Claim.Name
        : Claim.Other;

    private void ReadValue(Claim claim, ref Utf8JsonReader reader, ReadOnlySpan<byte> audience)
    {
        var isString = reader.TokenType == JsonTokenType.String;
        switch (claim)
        {
            case Claim.Issuer when isString:
                Issuer = JsonString.From(ref reader);
                break;
            case Claim.Audience:
                AudienceMatches = ReadAudience(ref reader, audience);
                break;
            case Claim.Subject when isString:
                Subject = JsonString.From(ref reader);
                break;
            case Claim.TokenId when isString:
                TokenId = JsonString.From(ref reader);
                break;
            case Claim.Name:
                NameMalformed = !isString;
                Name = isString ? JsonString.From(ref reader) : default;
                break;
            case Claim.ExpiresAt:
                ExpiresAt = ReadTime(ref reader);
                break;
            case Claim.IssuedAt:
                IssuedAt = ReadTime(ref reader);
                break;
            case Claim.NotBefore:
                NotBefore = ReadTime(ref reader);
                break;
            case Claim.Scope:
                ReadScope(ref reader);
                break;
            default:
                reader.Skip();
                break;
        }
    }

    // RFC 7519 §4.1.3: a string, or an array of strings. An array holding anything else is refused whole.
    private static bool ReadAudience(ref Utf8JsonReader reader, ReadOnlySpan<byte> audience)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return reader.ValueTextEquals(audience);
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return false;
        }

        var found = false;
        var allStrings = true;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            allStrings &= reader.TokenType == JsonTokenType.String;
            found |= reader.TokenType == JsonTokenType.String && reader.ValueTextEquals(audience);
            reader.Skip();
        }

        return found && allStrings;
    }

    // NumericDate must be an integer here: IdentityModel also takes "123", 1.5 and 1e9, each a way to smuggle
    // a value past a parser that reads it differently. Out of DateTimeOffset's range counts as not an integer.
    private long? ReadTime(ref Utf8JsonReader reader)
    {
        const long MaxUnixSeconds = 253_402_300_799; // 9999-12-31T23:59:59Z
        if (reader.TokenType == JsonTokenType.Number
            && !reader.HasValueSequence
            && reader.ValueSpan.IndexOfAny(".eE"u8) < 0
            && Utf8Parser.TryParse(reader.ValueSpan, out long value, out var consumed)
            && consumed == reader.ValueSpan.Length
            && value is >= 0 and <= MaxUnixSeconds)
        {
            return value;
        }

        TimeMalformed = true;
        reader.Skip();
        return null;
    }

    private void ReadScope(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            ScopeMalformed = true;
            reader.Skip();
            return;
        }

        Scope = JsonString.From(ref reader);
        ScopeMalformed = reader.ValueIsEscaped
            ? !ScopeSyntax.IsScopeList(System.Text.Encoding.UTF8.GetBytes(reader.GetString()!))
            : !ScopeSyntax.IsScopeList(reader.ValueSpan);
    }

    private enum Claim
    {
        Other,
        Issuer,
        Audience,
        Subject,
        TokenId,
        ExpiresAt,
        IssuedAt,
        NotBefore,
        Scope,
        Name,
    }
}
