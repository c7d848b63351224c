using System.Globalization;
using System.Security.Claims;

namespace PersonalAccessTokens;

/// <summary>A token that passed validation: who it belongs to, what it grants and when it ends.</summary>
public sealed class ValidatedPat
{
    private readonly IPatScopePolicy _scopePolicy;
    private string[]? _ancestorIds;
    private PatRevocationList.AncestorCheck? _ancestorsCleanAt;
    private ClaimTimes? _claimTimes;

    internal ValidatedPat(
        string id,
        string subject,
        string? name,
        IReadOnlySet<string> scopes,
        DateTimeOffset issuedAt,
        DateTimeOffset expiresAt,
        string keyId,
        IPatScopePolicy scopePolicy,
        RevocationLookup[]? ancestors = null)
    {
        Id = id;
        Subject = subject;
        Name = name;
        Scopes = scopes;
        IssuedAt = issuedAt;
        ExpiresAt = expiresAt;
        KeyId = keyId;
        _scopePolicy = scopePolicy;
        AncestorLookups = ancestors ?? [];
    }

    /// <summary>The token's unique id (the <c>jti</c> claim). Safe to log.</summary>
    public string Id { get; }

    /// <summary>The user the token belongs to (the <c>sub</c> claim).</summary>
    public string Subject { get; }

    /// <summary>The token's human-readable name, if it carries one.</summary>
    public string? Name { get; }

    /// <summary>The scopes the token grants directly (the <c>scope</c> claim), without implications.</summary>
    public IReadOnlySet<string> Scopes { get; }

    /// <summary>When the token was issued (the <c>iat</c> claim).</summary>
    public DateTimeOffset IssuedAt { get; }

    /// <summary>When the token expires (the <c>exp</c> claim).</summary>
    public DateTimeOffset ExpiresAt { get; }

    /// <summary>The id of the key that signed the token.</summary>
    public string KeyId { get; }

    /// <summary>The id of the token this one was derived from, or <see langword="null"/> for an ordinary token.</summary>
    public string? ParentId => AncestorLookups.Length > 0 ? AncestorIds[0] : null;

    /// <summary>
    /// The ids of every token this one descends from, its parent's first (the <c>anc</c> claim). Revoking any of them
    /// revokes this token. Empty for an ordinary token.
    /// </summary>
    /// <remarks>Made on first use: validation itself looks ancestors up by their parsed form and needs no text.</remarks>
    public IReadOnlyList<string> AncestorIds => _ancestorIds ??= AncestorLookups.Length == 0 ? [] : Array.ConvertAll(AncestorLookups, a => a.ToString());

    /// <summary>The ancestors, parsed once for the revocation lookups every validation makes.</summary>
    internal RevocationLookup[] AncestorLookups { get; }

    /// <summary>Where the ancestors were last found not revoked; a revocation list skips their lookups until it changes.</summary>
    internal PatRevocationList.AncestorCheck? AncestorsCleanAt
    {
        get => Volatile.Read(ref _ancestorsCleanAt);
        set => Volatile.Write(ref _ancestorsCleanAt, value);
    }

    /// <summary>Where this token's uses are recorded: found once, then reused on every warm validation.</summary>
    internal UsageSlot? UsageSlot { get; set; }

    /// <summary>Whether the token grants <paramref name="scope"/>, directly or by an implication of the scope policy.</summary>
    /// <param name="scope">The scope to look for; compared case-sensitively.</param>
    public bool HasScope(string scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return _scopePolicy.IsGranted(Scopes, scope);
    }

    /// <summary>
    /// Creates a principal with the JWT claim names <c>sub</c>, <c>jti</c>, <c>scope</c> (one claim per granted scope),
    /// <c>iat</c>, <c>exp</c> and, if set, <c>name</c>. Its name claim type is <c>sub</c>.
    /// </summary>
    /// <param name="authenticationType">The authentication type of the identity, usually the scheme name.</param>
    public ClaimsPrincipal ToClaimsPrincipal(string authenticationType)
    {
        ArgumentException.ThrowIfNullOrEmpty(authenticationType);

        // Every call gets its own identity and claims, so a claims transformation that changes one request's principal
        // changes nothing else. Each claim is made with its identity as subject, which AddClaim keeps as it is (a claim
        // of another subject is cloned), and the text of the times is made once per token.
        var identity = new ClaimsIdentity(authenticationType, PatClaimNames.Subject, roleType: null);
        var times = _claimTimes ??= new ClaimTimes(
            IssuedAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
            ExpiresAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        identity.AddClaim(Claim(PatClaimNames.Subject, Subject, ClaimValueTypes.String));
        identity.AddClaim(Claim(PatClaimNames.TokenId, Id, ClaimValueTypes.String));
        identity.AddClaim(Claim(PatClaimNames.IssuedAt, times.IssuedAt, ClaimValueTypes.Integer64));
        identity.AddClaim(Claim(PatClaimNames.ExpiresAt, times.ExpiresAt, ClaimValueTypes.Integer64));
        if (Name is not null)
        {
            identity.AddClaim(Claim(PatClaimNames.Name, Name, ClaimValueTypes.String));
        }

        // The validator's own set lends its array: an interface's enumerator would be one more object per call.
        if (Scopes is PatScopeSet set)
        {
            foreach (var scope in set.AsSpan())
            {
                identity.AddClaim(Claim(PatClaimNames.Scope, scope, ClaimValueTypes.String));
            }
        }
        else
        {
            foreach (var scope in Scopes)
            {
                identity.AddClaim(Claim(PatClaimNames.Scope, scope, ClaimValueTypes.String));
            }
        }

        return new ClaimsPrincipal(identity);

        Claim Claim(string type, string value, string valueType) =>
            new(type, value, valueType, ClaimsIdentity.DefaultIssuer, ClaimsIdentity.DefaultIssuer, identity);
    }

    /// <summary>Describes the token by its id; the token text is never part of it.</summary>
    public override string ToString() => $"PAT {Id} for {Subject}";

    /// <summary>The <c>iat</c> and <c>exp</c> claim values, formatted once for every principal made from this token.</summary>
    private sealed record ClaimTimes(string IssuedAt, string ExpiresAt);
}
