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
    public int AncestorCount;        // Entries of the 'anc' array; 0 if missing.
    public bool AncestorsMalformed;  // Present but not a non-empty array of non-empty strings, or longer than any depth allows.
    private int _ancestorsStart;     // Where the 'anc' array starts in the payload, and its length in bytes.
    private int _ancestorsLength;
    private AncestorKeys _ancestorKeys; // Ids of our own format, parsed in the single pass.
    private bool _ancestorsNeedText;    // Some id is escaped or of another format: read the array again for text.
    private bool _badEscape;         // A lone surrogate escape inside a time or scope value that is not a string.

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
            var members = 0;
            var seen = 0u;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (!JsonEscapes.IsWellFormed(ref reader))
                {
                    return false;
                }

                // Known claims are told apart by a bit each; only other names need comparing to each other.
                var claim = Identify(ref reader);
                var bit = 1u << (int)claim;
                if (++members > MemberNames.MaxMembers
                    || (claim == Claim.Other ? !names.TryAdd(in reader) : (seen & bit) != 0))
                {
                    return false;
                }

                seen |= bit;
                reader.Read();
                if (!claims.ReadValue(claim, ref reader, audience))
                {
                    return false;
                }
            }

            return reader.TokenType == JsonTokenType.EndObject && !reader.Read();
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return false;
        }
    }

    private static Claim Identify(ref Utf8JsonReader reader)
    {
        if (reader.ValueIsEscaped)
        {
            return IdentifyEscaped(ref reader);
        }

        // Dispatch on length and first byte: one comparison per member instead of up to nine.
        var name = reader.ValueSpan;
        return name.Length switch
        {
            3 => name[0] switch
            {
                (byte)'i' => name.SequenceEqual("iss"u8) ? Claim.Issuer : name.SequenceEqual("iat"u8) ? Claim.IssuedAt : Claim.Other,
                (byte)'a' => name.SequenceEqual("aud"u8) ? Claim.Audience : name.SequenceEqual("anc"u8) ? Claim.Ancestors : Claim.Other,
                (byte)'s' => name.SequenceEqual("sub"u8) ? Claim.Subject : Claim.Other,
                (byte)'j' => name.SequenceEqual("jti"u8) ? Claim.TokenId : Claim.Other,
                (byte)'e' => name.SequenceEqual("exp"u8) ? Claim.ExpiresAt : Claim.Other,
                (byte)'n' => name.SequenceEqual("nbf"u8) ? Claim.NotBefore : Claim.Other,
                _ => Claim.Other,
            },
            4 => name.SequenceEqual("name"u8) ? Claim.Name : Claim.Other,
            5 => name.SequenceEqual("scope"u8) ? Claim.Scope : Claim.Other,
            _ => Claim.Other,
        };
    }

    // "s\u0075b" is "sub": escaped names are compared decoded.
    private static Claim IdentifyEscaped(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("iss"u8) ? Claim.Issuer
        : reader.ValueTextEquals("aud"u8) ? Claim.Audience
        : reader.ValueTextEquals("sub"u8) ? Claim.Subject
        : reader.ValueTextEquals("jti"u8) ? Claim.TokenId
        : reader.ValueTextEquals("exp"u8) ? Claim.ExpiresAt
        : reader.ValueTextEquals("iat"u8) ? Claim.IssuedAt
        : reader.ValueTextEquals("nbf"u8) ? Claim.NotBefore
        : reader.ValueTextEquals("scope"u8) ? Claim.Scope
        : reader.ValueTextEquals("name"u8) ? Claim.Name
        : reader.ValueTextEquals("anc"u8) ? Claim.Ancestors
        : Claim.Other;

    /// <summary>Reads one member's value; false if a string in it has a lone surrogate escape (Malformed).</summary>
    private bool ReadValue(Claim claim, ref Utf8JsonReader reader, ReadOnlySpan<byte> audience)
    {
        var isString = reader.TokenType == JsonTokenType.String;
        if (isString && !JsonEscapes.IsWellFormed(ref reader))
        {
            return false;
        }

        switch (claim)
        {
            case Claim.Issuer when isString:
                Issuer = JsonString.From(ref reader);
                break;
            case Claim.Audience:
                return ReadAudience(ref reader, audience, out AudienceMatches);
            case Claim.Subject when isString:
                Subject = JsonString.From(ref reader);
                break;
            case Claim.TokenId when isString:
                TokenId = JsonString.From(ref reader);
                break;
            case Claim.Name when isString:
                Name = JsonString.From(ref reader);
                break;
            case Claim.Name:
                // Skipped whole: an object's members must not be read as top-level claims.
                NameMalformed = true;
                return JsonEscapes.TrySkip(ref reader);
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
            case Claim.Ancestors:
                return ReadAncestors(ref reader);
            default:
                return JsonEscapes.TrySkip(ref reader);
        }

        return !_badEscape;
    }

    // RFC 7519 §4.1.3: a string, or an array of strings. An array holding anything else is refused whole.
    private static bool ReadAudience(ref Utf8JsonReader reader, ReadOnlySpan<byte> audience, out bool matches)
    {
        matches = false;
        if (reader.TokenType == JsonTokenType.String)
        {
            matches = reader.ValueTextEquals(audience);
            return true;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return JsonEscapes.TrySkip(ref reader);
        }

        var found = false;
        var allStrings = true;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            allStrings &= reader.TokenType == JsonTokenType.String;
            found |= reader.TokenType == JsonTokenType.String && reader.ValueTextEquals(audience);
            if (!JsonEscapes.TrySkip(ref reader))
            {
                return false;
            }
        }

        matches = found && allStrings;
        return true;
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
        _badEscape |= !JsonEscapes.TrySkip(ref reader);
        return null;
    }

    /// <summary>
    /// The ancestors, read again from the span recorded in the single pass (only derived tokens pay for it), each
    /// parsed for revocation lookups straight from its UTF-8.
    /// </summary>
    public readonly RevocationLookup[]? ReadAncestors(ReadOnlySpan<byte> payload)
    {
        if (AncestorCount == 0)
        {
            return null;
        }

        var ancestors = new RevocationLookup[AncestorCount];
        if (!_ancestorsNeedText)
        {
            // The common case: every id ours, parsed already; no second pass.
            for (var i = 0; i < ancestors.Length; i++)
            {
                ancestors[i] = RevocationLookup.For(_ancestorKeys[i]);
            }

            return ancestors;
        }

        var reader = new Utf8JsonReader(payload.Slice(_ancestorsStart, _ancestorsLength), JsonLimits.ReaderOptions);
        reader.Read();
        for (var i = 0; i < ancestors.Length && reader.Read(); i++)
        {
            ancestors[i] = reader.ValueIsEscaped ? RevocationLookup.For(reader.GetString()!) : RevocationLookup.For(reader.ValueSpan);
        }

        return ancestors;
    }

    // An array of non-empty strings and nothing else: one spelling, like every claim we read.
    private bool ReadAncestors(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            AncestorsMalformed = true;
            return JsonEscapes.TrySkip(ref reader);
        }

        _ancestorsStart = (int)reader.TokenStartIndex;
        var count = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            AncestorsMalformed |= reader.TokenType != JsonTokenType.String
                || (reader.ValueIsEscaped ? reader.GetString()!.Length == 0 : reader.ValueSpan.Length == 0);
            if (count < PatDerivation.MaxDepthLimit && reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped
                && TokenKey.TryParse(reader.ValueSpan, out var key))
            {
                _ancestorKeys[count] = key;
            }
            else
            {
                _ancestorsNeedText = true;
            }

            // Checks a string's escapes, and skips anything nested whole.
            if (!JsonEscapes.TrySkip(ref reader))
            {
                return false;
            }

            count++;
        }

        _ancestorsLength = (int)reader.BytesConsumed - _ancestorsStart;
        AncestorCount = count;
        AncestorsMalformed |= count is 0 or > PatDerivation.MaxDepthLimit;
        return true;
    }

    private void ReadScope(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            ScopeMalformed = true;
            _badEscape |= !JsonEscapes.TrySkip(ref reader);
            return;
        }

        Scope = JsonString.From(ref reader);
        ScopeMalformed = reader.ValueIsEscaped
            ? !ScopeSyntax.IsScopeList(System.Text.Encoding.UTF8.GetBytes(reader.GetString()!))
            : !ScopeSyntax.IsScopeList(reader.ValueSpan);
    }

    [System.Runtime.CompilerServices.InlineArray(PatDerivation.MaxDepthLimit)]
    private struct AncestorKeys
    {
        private TokenKey _first;
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
        Ancestors,
    }
}
