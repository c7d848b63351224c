using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace PersonalAccessTokens;

/// <summary>
/// Issues tokens with IdentityModel's <see cref="JsonWebTokenHandler"/>, taking every instant from the injected
/// <see cref="TimeProvider"/> (the handler would otherwise read the system clock).
/// </summary>
internal sealed partial class PatIssuer : IPatIssuer
{
    private const int MaxSubjectLength = 256;
    private const int MaxNameLength = 256;

    private readonly PersonalAccessTokenOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly PatKeyRing _keyRing;
    private readonly IPatScopePolicy _scopePolicy;
    private readonly IPatRecordStore _records;
    private readonly ILogger _logger;
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };

    public PatIssuer(
        IOptions<PersonalAccessTokenOptions> options,
        TimeProvider timeProvider,
        PatKeyRing keyRing,
        IPatScopePolicy scopePolicy,
        IPatRecordStore records,
        ILoggerFactory? loggerFactory = null)
    {
        _options = options.Value; // Throws OptionsValidationException if the options are invalid.
        _timeProvider = timeProvider;
        _keyRing = keyRing;
        _scopePolicy = scopePolicy;
        _records = records;
        _logger = (ILogger?)loggerFactory?.CreateLogger<PatIssuer>() ?? NullLogger.Instance;
    }

    public ValueTask<PatIssueResult> IssueAsync(PatIssueRequest request, CancellationToken cancellationToken = default) =>
        IssueAsync(request, rotating: null, keepExpiry: false, derivation: null, cancellationToken);

    /// <summary>
    /// Issues a token and writes its record before handing it out. With <paramref name="rotating"/>, the token is that
    /// one's successor: same family, and recorded only if the old token is still active (else <c>TokenNotActive</c>).
    /// </summary>
    /// <param name="request">What to issue.</param>
    /// <param name="rotating">The record of the token being rotated, or <see langword="null"/>.</param>
    /// <param name="keepExpiry">Whether the successor keeps <paramref name="rotating"/>'s expiry instead of the request's lifetime.</param>
    /// <param name="derivation">The parent of a derived token, whose ancestry it carries, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the policy check and the write.</param>
    internal async ValueTask<PatIssueResult> IssueAsync(
        PatIssueRequest request, PatRecord? rotating, bool keepExpiry, PatDerivation? derivation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var now = _timeProvider.GetUtcNow();
        if (keepExpiry && rotating is not null)
        {
            // A token rotating itself can never extend its own life.
            request = new PatIssueRequest { Subject = request.Subject, Name = request.Name, Scopes = request.Scopes, Lifetime = rotating.ExpiresAt - WholeSeconds(now) };
        }

        if (CheckText(request.Subject, MaxSubjectLength, allowNull: false) is { } subjectProblem)
        {
            return RefuseSubject($"The subject {subjectProblem}.");
        }

        if (CheckText(request.Name, MaxNameLength, allowNull: true) is { } nameProblem)
        {
            return Refuse(request.Subject, PatIssueErrorCode.InvalidName, $"The name {nameProblem}.");
        }

        if (request.Scopes is null)
        {
            return Refuse(request.Subject, PatIssueErrorCode.InvalidScope, "Scopes must not be null; use an empty collection for a token without scopes.");
        }

        // Counted before anything is looked at, so a request of 40,000 scopes costs nothing. No token needs more scopes
        // than the catalog holds; under a custom policy, none can hold more than its length allows.
        var catalog = _scopePolicy as PatScopeCatalogPolicy;
        var maxScopes = catalog?.Count ?? _options.MaxTokenLength / 2;
        if (request.Scopes.Count > maxScopes)
        {
            return Refuse(request.Subject, PatIssueErrorCode.InvalidScope, catalog is null
                ? $"{request.Scopes.Count} scopes were requested; a token can hold at most {maxScopes}."
                : $"{request.Scopes.Count} scopes were requested; the catalog registers {maxScopes}, so a token holds at most {maxScopes}.");
        }

        // One pass, linear: syntax, then the catalog, then duplicates.
        var scopes = new List<string>(request.Scopes.Count);
        var distinct = new HashSet<string>(StringComparer.Ordinal);
        foreach (var scope in request.Scopes)
        {
            if (scope is null || !ScopeSyntax.IsScopeToken(scope))
            {
                return Refuse(request.Subject, PatIssueErrorCode.InvalidScope, "Each scope must be an RFC 6749 scope-token: non-empty printable ASCII without spaces, quotes or backslashes.");
            }

            if (catalog is not null && !catalog.IsRegistered(scope))
            {
                return Refuse(request.Subject, PatIssueErrorCode.UnknownScope, $"The scope '{scope}' is not registered.");
            }

            if (distinct.Add(scope))
            {
                scopes.Add(scope);
            }
        }

        // The scopes may allow less than MaxLifetime. A request that names no lifetime gets the default, shortened
        // to fit; a request that names one too long is refused rather than silently shortened.
        var limit = _scopePolicy.GetMaxLifetime(scopes) is { } scopeLimit && scopeLimit < _options.MaxLifetime ? scopeLimit : _options.MaxLifetime;
        var lifetime = request.Lifetime ?? (_options.DefaultLifetime < limit ? _options.DefaultLifetime : limit);
        if (lifetime < TimeSpan.FromSeconds(1))
        {
            return Refuse(request.Subject, PatIssueErrorCode.InvalidLifetime, $"The lifetime is {lifetime}; it must be at least one second.");
        }

        if (lifetime > limit)
        {
            return Refuse(request.Subject, PatIssueErrorCode.LifetimeTooLong, $"The lifetime is {lifetime}; these scopes allow at most {limit}.");
        }

        if (await _scopePolicy.CheckIssueAsync(new PatIssueContext(request, scopes, lifetime), cancellationToken).ConfigureAwait(false) is { } denied)
        {
            PatIssuerLog.Refused(_logger, denied.Code, request.Subject);
            return PatIssueResult.Failed(denied);
        }

        // Whole seconds, as iat and exp are: what IssuedPat reports is exactly what the token says.
        var issuedAt = WholeSeconds(now);
        var expiresAt = DateTimeOffset.FromUnixTimeSeconds((issuedAt + lifetime).ToUnixTimeSeconds());

        var signer = _keyRing.Current.SignerAt(now);
        if (signer is null)
        {
            return Refuse(request.Subject, PatIssueErrorCode.SigningKeyUnavailable, "No signing key is active now; add a key or extend a key's retirement.");
        }

        var id = TokenIdGenerator.Next();
        var claims = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            [PatClaimNames.Subject] = request.Subject,
            [PatClaimNames.TokenId] = id,
        };
        if (scopes.Count > 0)
        {
            claims[PatClaimNames.Scope] = string.Join(' ', scopes); // RFC 8693 §4.2: one space-separated string.
        }

        if (request.Name is not null)
        {
            claims[PatClaimNames.Name] = request.Name;
        }

        if (derivation is not null)
        {
            claims[PatClaimNames.Ancestors] = derivation.AncestorIds;
        }

        var jwt = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = _options.Issuer,
            Audience = _options.Audience,
            IssuedAt = issuedAt.UtcDateTime,
            NotBefore = issuedAt.UtcDateTime,
            Expires = expiresAt.UtcDateTime,
            TokenType = _options.TokenType,
            Claims = claims,
            SigningCredentials = signer.SigningCredentials,
        });

        if (signer.Key.Algorithm is SecurityAlgorithms.EcdsaSha256 or SecurityAlgorithms.EcdsaSha384)
        {
            jwt = EcdsaLowS.Normalize(jwt);
        }

        // A token the validator would refuse as Malformed must never be handed out.
        var token = _options.TokenPrefix + jwt;
        if (token.Length > _options.MaxTokenLength)
        {
            return Refuse(request.Subject, PatIssueErrorCode.TokenTooLong, $"The token would be {token.Length} characters, over MaxTokenLength ({_options.MaxTokenLength}); ask for fewer scopes or a shorter name.");
        }

        var keyId = signer.Key.KeyId;
        var record = new PatRecord
        {
            Id = id,
            Subject = request.Subject,
            Name = request.Name,
            Scopes = scopes.AsReadOnly(),
            IssuedAt = issuedAt,
            ExpiresAt = expiresAt,
            KeyId = keyId,
            FamilyId = rotating?.FamilyId ?? id,
            RotatedFromId = rotating?.Id,
            ParentId = derivation?.Parent.Id,
        };

        // The record first: a token its owner cannot see or revoke must never exist.
        if (await PersistAsync(record, rotating, now, cancellationToken).ConfigureAwait(false) is { } notRecorded)
        {
            PatIssuerLog.Refused(_logger, notRecorded.Code, request.Subject);
            return PatIssueResult.Failed(notRecorded);
        }

        PatIssuerLog.Issued(_logger, id, request.Subject, keyId, expiresAt);
        return PatIssueResult.Success(new IssuedPat(
            token, id, request.Subject, request.Name, scopes.AsReadOnly(), issuedAt, expiresAt, keyId));
    }

    private async ValueTask<PatIssueError?> PersistAsync(PatRecord record, PatRecord? rotating, DateTimeOffset now, CancellationToken cancellationToken)
    {
        try
        {
            if (rotating is null)
            {
                await _records.AddAsync(record, cancellationToken).ConfigureAwait(false);
                return null;
            }

            return await _records.TryRotateAsync(rotating.Id, record, now, cancellationToken).ConfigureAwait(false)
                ? null
                : new PatIssueError(PatIssueErrorCode.TokenNotActive, $"The token {rotating.Id} was rotated or revoked meanwhile.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            PatIssuerLog.RecordFailed(_logger, ex, record.Id, record.Subject);
            return new PatIssueError(PatIssueErrorCode.StoreUnavailable, "The token's record could not be stored, so no token was issued; try again later.");
        }
    }

    private static DateTimeOffset WholeSeconds(DateTimeOffset instant) => DateTimeOffset.FromUnixTimeSeconds(instant.ToUnixTimeSeconds());

    private static string? CheckText(string? value, int maxLength, bool allowNull) => value switch
    {
        null when allowNull => null,
        null or "" => "is empty",
        _ when value.Length > maxLength => $"is longer than {maxLength} characters",
        _ when string.IsNullOrWhiteSpace(value) => "is only whitespace",
        _ when PatRecordIds.HasControlCharacter(value) => "holds control characters",

        // IdentityModel writes U+FFFD for a lone surrogate: the token would name another subject than the one asked for.
        _ when PatRecordIds.HasLoneSurrogate(value) => "holds a lone surrogate, which has no UTF-8 form",
        _ => null,
    };

    private PatIssueResult Refuse(string subject, PatIssueErrorCode code, string message)
    {
        PatIssuerLog.Refused(_logger, code, subject);
        return PatIssueResult.Failed(new PatIssueError(code, message));
    }

    // The subject itself is what is wrong: it may hold control characters, so the log carries the reason, not the value.
    private PatIssueResult RefuseSubject(string message)
    {
        PatIssuerLog.RefusedSubject(_logger, message);
        return PatIssueResult.Failed(new PatIssueError(PatIssueErrorCode.InvalidSubject, message));
    }
}
