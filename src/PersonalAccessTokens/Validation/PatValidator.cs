using System.Buffers;
using System.Buffers.Text;
using System.Text;
using System.Text.Unicode;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace PersonalAccessTokens;

/// <summary>
/// Validates a token in one strict pass: each segment is decoded once into pooled memory, read once with
/// <see cref="System.Text.Json.Utf8JsonReader"/>, and the signature is verified with the platform's span APIs.
/// Rules run cheapest first, in the order of <see cref="PatValidationFailure"/>'s documentation.
/// </summary>
internal sealed class PatValidator : IPatValidator
{
    private static readonly SearchValues<char> Base64UrlAlphabet =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");

    private static readonly string[] NoScopes = [];

    private static readonly SearchValues<char> Whitespace = SearchValues.Create(" \t\r\n\v\f\u00A0\u2028\u2029\uFEFF");

    private readonly PersonalAccessTokenOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly PatKeyRing _keyRing;
    private readonly IPatScopePolicy _scopePolicy;
    private readonly IPatRevocationStore _revocationStore;
    private readonly ILogger _logger;
    private readonly PatUsageRecorder? _usage;
    private readonly ReuseDetector? _reuseDetector;
    private readonly VerifiedTokenCache? _cache;
    private readonly byte[] _issuer;
    private readonly byte[] _audience;
    private readonly byte[] _tokenType;

    // Failures whose message helps more than the shared one; the prefix is public by design, so naming it is safe.
    private readonly PatValidationResult _tooLong;
    private readonly PatValidationResult _hasWhitespace;
    private readonly PatValidationResult _wrongPrefix;

    public PatValidator(
        IOptions<PersonalAccessTokenOptions> options,
        TimeProvider timeProvider,
        PatKeyRing keyRing,
        IPatScopePolicy scopePolicy,
        IPatRevocationStore revocationStore,
        ILoggerFactory? loggerFactory = null,
        PatUsageRecorder? usage = null,
        ReuseDetector? reuseDetector = null)
    {
        _usage = usage;
        _reuseDetector = reuseDetector;
        _options = options.Value; // Throws OptionsValidationException if the options are invalid.
        _timeProvider = timeProvider;
        _keyRing = keyRing;
        _scopePolicy = scopePolicy;
        _revocationStore = revocationStore;
        _logger = (ILogger?)loggerFactory?.CreateLogger<PatValidator>() ?? NullLogger.Instance;
        _issuer = Encoding.UTF8.GetBytes(_options.Issuer!);
        _audience = Encoding.UTF8.GetBytes(_options.Audience!);
        _tokenType = Encoding.UTF8.GetBytes(MediaType.WithoutApplicationPrefix(_options.TokenType));
        _cache = _options.ValidationCacheSize > 0 ? new VerifiedTokenCache(_options.ValidationCacheSize, timeProvider) : null;
        _tooLong = PatValidationResult.Failed(PatValidationFailure.Malformed, $"The token is malformed: it is longer than MaxTokenLength ({_options.MaxTokenLength} characters).");
        _hasWhitespace = PatValidationResult.Failed(PatValidationFailure.Malformed, "The token is malformed: it contains whitespace. A token read from a file often ends with a newline; trim it.");
        _wrongPrefix = PatValidationResult.Failed(PatValidationFailure.InvalidPrefix, $"The token does not start with the expected prefix '{_options.TokenPrefix}'.");
    }

    /// <summary>How many verified tokens the cache holds, for tests of its bound.</summary>
    internal int CachedTokenCount => _cache?.Count ?? 0;

    public ValueTask<PatValidationResult> ValidateAsync(string token, CancellationToken cancellationToken = default) =>
        ValidateAsync(token, NoScopes, cancellationToken);

    public ValueTask<PatValidationResult> ValidateAsync(string token, IReadOnlyCollection<string> requiredScopes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(token);
        return Validate(token.AsMemory(), token, requiredScopes, cancellationToken);
    }

    public ValueTask<PatValidationResult> ValidateAsync(ReadOnlyMemory<char> token, IReadOnlyCollection<string> requiredScopes, CancellationToken cancellationToken = default) =>
        Validate(token, text: null, requiredScopes, cancellationToken);

    /// <summary>
    /// Validates the token's characters. A cache hit hands back the cached string, so a token found inside a larger
    /// text is copied into one only when it has to be verified; <paramref name="text"/> is the caller's string, if any.
    /// </summary>
    private ValueTask<PatValidationResult> Validate(ReadOnlyMemory<char> characters, string? text, IReadOnlyCollection<string> requiredScopes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(requiredScopes);

        // Misuse is caught whatever the token: checked only on a valid token, a bug would hide until one arrived.
        ScopeSyntax.ThrowIfAnyIsNotScopeToken(requiredScopes, nameof(requiredScopes));

        var now = _timeProvider.GetUtcNow();
        var ring = _keyRing.Current;
        PatValidationFailure failure;
        string? cached = null;
        VerifiedToken? verified;
        string token;
        if (_cache is not null && _cache.TryGet(characters.Span, out cached, out verified) && ReferenceEquals(verified.Ring, ring))
        {
            token = cached;

            // The signature and claims are as verified; what can have changed since is the time, the key's
            // window, the policy and revocation, so those are checked on every hit.
            failure = verified.Key.ValidatesAt(now, _options.ClockSkew)
                ? CheckLifetimeAndTime(verified.Lifetime, verified.Pat.Scopes, verified.Pat.ExpiresAt, verified.NotBefore, now)
                : PatValidationFailure.UnknownKey;
            if (failure != PatValidationFailure.None)
            {
                _cache.Remove(token, verified);
                return new ValueTask<PatValidationResult>(Reject(failure, token, verified.Pat));
            }
        }
        else
        {
            // A hit under an older key ring is verified again, from the cached string when there is one.
            token = cached ?? text ?? characters.ToString();
            failure = VerifyToken(token, ring, now, out verified!, out var signedPat);
            if (failure != PatValidationFailure.None)
            {
                return new ValueTask<PatValidationResult>(Reject(failure, token, signedPat));
            }

            _cache?.Add(token, verified);
        }

        ValueTask<PatRevocationStatus> check;
        try
        {
            check = _revocationStore.CheckAsync(verified.Pat, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new ValueTask<PatValidationResult>(RevocationFailed(verified.Pat, ex));
        }

        // The in-memory store completes synchronously: stay on this path so validation allocates no state machine.
        if (!check.IsCompletedSuccessfully)
        {
            return AwaitRevocationAsync(check, token, verified, requiredScopes, now, cancellationToken);
        }

        var status = check.Result;
        return status == PatRevocationStatus.Revoked && _reuseDetector is not null
            ? ExamineRevokedAsync(token, verified, cancellationToken)
            : new ValueTask<PatValidationResult>(Authorize(token, verified, status, requiredScopes, now));
    }

    /// <summary>The one path that may touch the record store: a revoked token may be a rotated one, used by a thief.</summary>
    private async ValueTask<PatValidationResult> ExamineRevokedAsync(string token, VerifiedToken verified, CancellationToken cancellationToken)
    {
        await _reuseDetector!.ExamineAsync(verified.Pat, cancellationToken).ConfigureAwait(false);
        return Authorize(token, verified, PatRevocationStatus.Revoked, NoScopes, default);
    }

    private async ValueTask<PatValidationResult> AwaitRevocationAsync(
        ValueTask<PatRevocationStatus> check, string token, VerifiedToken verified, IReadOnlyCollection<string> requiredScopes, DateTimeOffset now, CancellationToken cancellationToken)
    {
        PatRevocationStatus status;
        try
        {
            status = await check.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // A store that fails is a store that cannot vouch for the token: fail closed.
            return RevocationFailed(verified.Pat, ex);
        }

        if (status == PatRevocationStatus.Revoked && _reuseDetector is not null)
        {
            await _reuseDetector.ExamineAsync(verified.Pat, cancellationToken).ConfigureAwait(false);
        }

        return Authorize(token, verified, status, requiredScopes, now);
    }

    private PatValidationResult Authorize(string token, VerifiedToken verified, PatRevocationStatus status, IReadOnlyCollection<string> requiredScopes, DateTimeOffset now)
    {
        if (status == PatRevocationStatus.Revoked)
        {
            _cache?.Remove(token, verified); // Revocation is final; Unavailable may pass, so that entry stays.
            return Reject(PatValidationFailure.Revoked, token, verified.Pat);
        }

        if (status != PatRevocationStatus.NotRevoked)
        {
            return Reject(PatValidationFailure.RevocationUnavailable, token, verified.Pat);
        }

        if (!_scopePolicy.GrantsEvery(verified.Pat.Scopes, requiredScopes))
        {
            return InsufficientScope(verified.Pat, requiredScopes);
        }

        // Last used: two field writes in memory; the flusher takes it to the record store.
        _usage?.RecordUse(verified.Pat, now);
        PatValidatorLog.Validated(_logger, verified.Pat.Id, verified.Pat.Subject);
        return verified.Success;
    }

    /// <summary>Every rule that needs no store, cheapest first, on a token not seen before.</summary>
    /// <remarks>
    /// <paramref name="signedPat"/> is the token as read once its signature verified, set even when a later rule
    /// refuses it (or, for a claim of the wrong form, holding only the id), so the refusal can say which token it was.
    /// </remarks>
    private PatValidationFailure VerifyToken(string token, PatKeyRing.Snapshot ring, DateTimeOffset now, out VerifiedToken? verified, out ValidatedPat? signedPat)
    {
        verified = null;
        signedPat = null;

        // Before any decoding, so oversized input costs nothing.
        if (token.Length > _options.MaxTokenLength)
        {
            return PatValidationFailure.Malformed;
        }

        var jwt = token.AsSpan();
        if (_options.TokenPrefix is { } prefix)
        {
            if (!jwt.StartsWith(prefix, StringComparison.Ordinal))
            {
                return PatValidationFailure.InvalidPrefix;
            }

            jwt = jwt[prefix.Length..];
        }

        // JWS compact serialisation: exactly three segments (RFC 7515 §7.1). Five would be a JWE.
        var firstDot = jwt.IndexOf('.');
        var secondDot = firstDot < 0 ? -1 : jwt[(firstDot + 1)..].IndexOf('.') + firstDot + 1;
        if (firstDot <= 0 || secondDot <= firstDot + 1 || jwt[(secondDot + 1)..].Contains('.'))
        {
            return PatValidationFailure.Malformed;
        }

        // Only the base64url alphabet: no padding, whitespace, '+' or '/', which lenient decoders accept.
        var headerText = jwt[..firstDot];
        var payloadText = jwt[(firstDot + 1)..secondDot];
        var signatureText = jwt[(secondDot + 1)..];
        if (headerText.ContainsAnyExcept(Base64UrlAlphabet)
            || payloadText.ContainsAnyExcept(Base64UrlAlphabet)
            || signatureText.ContainsAnyExcept(Base64UrlAlphabet))
        {
            return PatValidationFailure.Malformed;
        }

        // One rented buffer holds the decoded segments, the member-name arena and the ASCII signing input.
        var buffer = ArrayPool<byte>.Shared.Rent(3 * jwt.Length);
        try
        {
            var memory = buffer.AsSpan();
            if (!TryDecode(headerText, ref memory, out var header)
                || !TryDecode(payloadText, ref memory, out var payload)
                || !TryDecode(signatureText, ref memory, out var signature))
            {
                return PatValidationFailure.Malformed;
            }

            if (!Utf8.IsValid(header) || !Utf8.IsValid(payload))
            {
                return PatValidationFailure.Malformed;
            }

            if (!JwtHeader.TryRead(header, memory, out var jose)
                || !PatClaims.TryRead(payload, memory, _audience, out var claims))
            {
                return PatValidationFailure.Malformed;
            }

            // RFC 8725 §3.11: explicit typing stops an ID token or access token being replayed as a PAT.
            if (!jose.Type.IsPresent || !IsExpectedType(jose.Type, header))
            {
                return PatValidationFailure.InvalidType;
            }

            // Looked up by kid, never by trying every key: one verification per token, and no oracle across keys.
            var key = jose.KeyId.IsPresent ? FindKey(ring, jose.KeyId, header, now) : null;
            if (key is null)
            {
                return PatValidationFailure.UnknownKey;
            }

            // RFC 8725 §3.1: the key fixes the algorithm, so 'none' and HS/RS confusion never reach verification.
            if (!jose.Algorithm.IsPresent || !jose.Algorithm.ValueEquals(header, key.AlgorithmUtf8))
            {
                return PatValidationFailure.InvalidAlgorithm;
            }

            if (signature.Length != key.Verifier.SignatureLength)
            {
                return PatValidationFailure.InvalidSignature;
            }

            var signingInput = memory[..secondDot];
            Ascii.FromUtf16(jwt[..secondDot], signingInput, out _);
            if (!key.Verifier.Verify(signingInput, signature))
            {
                return PatValidationFailure.InvalidSignature;
            }

            return ValidateClaims(ref claims, payload, ring, key, now, out verified, out signedPat);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private PatValidationFailure ValidateClaims(
        ref PatClaims claims, ReadOnlySpan<byte> payload, PatKeyRing.Snapshot ring, PatKeyRing.Entry key, DateTimeOffset now, out VerifiedToken? verified, out ValidatedPat? signedPat)
    {
        verified = null;
        signedPat = null;
        var failure = CheckClaimForms(ref claims, payload);
        if (failure != PatValidationFailure.None)
        {
            return failure;
        }

        var iat = claims.IssuedAt!.Value;
        var exp = claims.ExpiresAt!.Value;
        var scopes = claims.Scope.IsPresent ? ReadScopes(claims.Scope, payload) : PatScopeSet.Empty;
        var issuedAt = DateTimeOffset.FromUnixTimeSeconds(iat);
        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(exp);
        var notBefore = claims.NotBefore is { } nbf && nbf > iat ? DateTimeOffset.FromUnixTimeSeconds(nbf) : issuedAt;
        signedPat = new ValidatedPat(
            claims.TokenId.ToString(payload),
            claims.Subject.ToString(payload),
            claims.Name.IsPresent ? claims.Name.ToString(payload) : null,
            scopes,
            issuedAt,
            expiresAt,
            key.Key.KeyId,
            _scopePolicy,
            claims.ReadAncestors(payload));
        failure = CheckLifetimeAndTime(expiresAt - issuedAt, scopes, expiresAt, notBefore, now);
        if (failure == PatValidationFailure.None)
        {
            verified = new VerifiedToken(signedPat, ring, key, notBefore);
        }

        return failure;
    }

    /// <summary>The claims every token must carry, in the form it must carry them.</summary>
    private PatValidationFailure CheckClaimForms(ref PatClaims claims, ReadOnlySpan<byte> payload)
    {
        if (!claims.Issuer.IsPresent || !claims.Issuer.ValueEquals(payload, _issuer))
        {
            return PatValidationFailure.InvalidIssuer;
        }

        if (!claims.AudienceMatches)
        {
            return PatValidationFailure.InvalidAudience;
        }

        if (!claims.Subject.IsPresent || claims.Subject.IsEmpty || !claims.TokenId.IsPresent || claims.TokenId.IsEmpty)
        {
            return PatValidationFailure.Malformed;
        }

        if (claims.TimeMalformed || claims.ExpiresAt is not { } exp || claims.IssuedAt is not { } iat)
        {
            return PatValidationFailure.Malformed;
        }

        // A token that ends before it starts has no lifetime to check; nothing we issue looks like that. An ancestor
        // claim deeper than derivation allows was not made by us either.
        return claims.ScopeMalformed || claims.NameMalformed || exp <= iat
            || claims.AncestorsMalformed || claims.AncestorCount > _options.MaxDerivationDepth
            ? PatValidationFailure.Malformed
            : PatValidationFailure.None;
    }

    /// <summary>The rules that can change outcome after verification: today's policy and the clock.</summary>
    private PatValidationFailure CheckLifetimeAndTime(TimeSpan lifetime, IReadOnlySet<string> scopes, DateTimeOffset expiresAt, DateTimeOffset notBefore, DateTimeOffset now)
    {
        // Checked against the policy of today, not the one at issue, so tightening it blocks tokens already out.
        if (lifetime > _options.MaxLifetime || (_scopePolicy.GetMaxLifetime(scopes) is { } scopeLimit && lifetime > scopeLimit))
        {
            return PatValidationFailure.LifetimeExceeded;
        }

        if (expiresAt <= now - _options.ClockSkew)
        {
            return PatValidationFailure.Expired;
        }

        return notBefore > now + _options.ClockSkew ? PatValidationFailure.NotYetValid : PatValidationFailure.None;
    }

    private static bool TryDecode(ReadOnlySpan<char> text, ref Span<byte> memory, out Span<byte> decoded)
    {
        // Base64Url refuses non-zero unused bits in the last character, so each token has exactly one spelling;
        // Convert.FromBase64String would accept several, letting a changed string carry the same signature.
        var status = Base64Url.DecodeFromChars(text, memory, out var consumed, out var written);
        decoded = memory[..written];
        memory = memory[written..];
        return status == OperationStatus.Done && consumed == text.Length;
    }

    // RFC 7515 §4.1.9: typ is a media type, compared case-insensitively, with "application/" optional.
    private bool IsExpectedType(JsonString type, ReadOnlySpan<byte> header) =>
        type.IsEscaped
            ? Ascii.EqualsIgnoreCase(MediaType.WithoutApplicationPrefix(type.ToString(header)), Encoding.UTF8.GetString(_tokenType))
            : Ascii.EqualsIgnoreCase(MediaType.WithoutApplicationPrefix(type.Utf8(header)), _tokenType);

    private PatKeyRing.Entry? FindKey(PatKeyRing.Snapshot ring, JsonString keyId, ReadOnlySpan<byte> header, DateTimeOffset now)
    {
        if (keyId.IsEscaped)
        {
            return ring.ValidatorFor(keyId.ToString(header), now, _options.ClockSkew);
        }

        // Transcode the kid onto the stack and look it up through the dictionary's span lookup: no string allocated.
        var utf8 = keyId.Utf8(header);
        if (utf8.Length > 256)
        {
            return ring.ValidatorFor(Encoding.UTF8.GetString(utf8), now, _options.ClockSkew);
        }

        Span<char> chars = stackalloc char[256];
        var length = Encoding.UTF8.GetChars(utf8, chars);
        return ring.ValidatorFor(chars[..length], now, _options.ClockSkew);
    }

    private static PatScopeSet ReadScopes(JsonString scope, ReadOnlySpan<byte> payload)
    {
        var text = scope.ToString(payload);
        var parts = text.Split(' ');
        return new PatScopeSet(parts.Length == 1 ? parts : [.. parts.Distinct(StringComparer.Ordinal)]);
    }

    /// <summary>The result for a refused token: the token's id and subject once its signature verified, never its text.</summary>
    private PatValidationResult Reject(PatValidationFailure failure, string token, ValidatedPat? signedPat)
    {
        if (signedPat is null)
        {
            PatValidatorLog.Rejected(_logger, failure);
            return failure switch
            {
                PatValidationFailure.Malformed when token.Length > _options.MaxTokenLength => _tooLong,
                PatValidationFailure.Malformed when token.AsSpan().ContainsAny(Whitespace) => _hasWhitespace,
                PatValidationFailure.InvalidPrefix => _wrongPrefix,
                _ => PatValidationResult.Failed(failure),
            };
        }

        PatValidatorLog.RejectedSigned(_logger, failure, signedPat.Id, signedPat.Subject);

        // A key retired since the token verified leaves the token unverifiable today: nothing to show the host.
        return failure == PatValidationFailure.UnknownKey
            ? PatValidationResult.Failed(failure)
            : PatValidationResult.Failed(failure, PatValidationResult.DefaultMessage(failure), signedPat);
    }

    private PatValidationResult InsufficientScope(ValidatedPat pat, IReadOnlyCollection<string> requiredScopes)
    {
        PatValidatorLog.RejectedSigned(_logger, PatValidationFailure.InsufficientScope, pat.Id, pat.Subject);
        var missing = requiredScopes.First(scope => !pat.HasScope(scope));

        // A scope no token can hold is a typo in the caller's code, not in the token: say so.
        var message = _scopePolicy is IPatScopeCatalog catalog && !catalog.IsRegistered(missing)
            ? $"The token lacks the required scope '{missing}', which is not a registered scope: no token can grant it."
            : $"The token lacks the required scope '{missing}'.";
        return PatValidationResult.Failed(PatValidationFailure.InsufficientScope, message, pat);
    }

    private PatValidationResult RevocationFailed(ValidatedPat pat, Exception exception)
    {
        PatValidatorLog.RevocationStoreFailed(_logger, exception, pat.Id);
        return PatValidationResult.Failed(PatValidationFailure.RevocationUnavailable, PatValidationResult.DefaultMessage(PatValidationFailure.RevocationUnavailable), pat);
    }
}
