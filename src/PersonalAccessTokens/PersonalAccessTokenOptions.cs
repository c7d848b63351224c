namespace PersonalAccessTokens;

/// <summary>Options for issuing and validating personal access tokens. Validated at start-up.</summary>
public sealed class PersonalAccessTokenOptions
{
    /// <summary>The <c>iss</c> claim written to and required of every token, compared exactly. Required.</summary>
    public string? Issuer { get; set; }

    /// <summary>The <c>aud</c> claim written to and required of every token, compared exactly, trailing slash included. Required.</summary>
    public string? Audience { get; set; }

    /// <summary>The <c>typ</c> header, which stops other JWTs (ID tokens, access tokens) being replayed as PATs.</summary>
    /// <value>Defaults to <c>pat+jwt</c>.</value>
    public string TokenType { get; set; } = PersonalAccessTokenDefaults.TokenType;

    /// <summary>
    /// A prefix before the JWT, such as <c>acme_pat_</c>, so secret scanners can find leaked tokens.
    /// Letters, digits and underscores only; validation requires it, case-sensitively.
    /// </summary>
    /// <value>Defaults to <see langword="null"/>: no prefix.</value>
    public string? TokenPrefix { get; set; }

    /// <summary>The lifetime of a token whose request names none.</summary>
    /// <value>Defaults to 30 days.</value>
    public TimeSpan DefaultLifetime { get; set; } = PersonalAccessTokenDefaults.DefaultLifetime;

    /// <summary>
    /// The longest lifetime a token may have, checked at issue and at validation, so lowering it also
    /// blocks tokens already issued.
    /// </summary>
    /// <value>Defaults to 366 days.</value>
    public TimeSpan MaxLifetime { get; set; } = PersonalAccessTokenDefaults.MaxLifetime;

    /// <summary>The lifetime of a derived token whose request names none; never longer than its parent has left.</summary>
    /// <value>Defaults to 1 hour.</value>
    public TimeSpan DefaultDerivedLifetime { get; set; } = PersonalAccessTokenDefaults.DefaultDerivedLifetime;

    /// <summary>
    /// How many levels below an ordinary token a derived token may be, and so the longest ancestor claim validation
    /// accepts. Zero turns derivation off.
    /// </summary>
    /// <value>Defaults to 2: a child, and a child of that child. At most 8.</value>
    public int MaxDerivationDepth { get; set; } = PersonalAccessTokenDefaults.MaxDerivationDepth;

    /// <summary>How far clocks of issuing and validating nodes may disagree.</summary>
    /// <value>Defaults to 30 seconds; at most 10 minutes.</value>
    public TimeSpan ClockSkew { get; set; } = PersonalAccessTokenDefaults.ClockSkew;

    /// <summary>The longest token text accepted, in characters, checked before any decoding.</summary>
    /// <value>Defaults to 8192.</value>
    public int MaxTokenLength { get; set; } = PersonalAccessTokenDefaults.MaxTokenLength;

    /// <summary>
    /// How many verified tokens the validator remembers, so a token presented again skips decoding and signature
    /// work. Expiry, key retirement, lifetime policy, revocation and required scopes are still checked on every
    /// hit. Each entry holds the token string, about 1 KB. Zero turns the cache off.
    /// </summary>
    /// <value>Defaults to 10,000.</value>
    public int ValidationCacheSize { get; set; } = PersonalAccessTokenDefaults.ValidationCacheSize;

    /// <summary>
    /// The configured keys of the default key provider. Keys made in code are added with the builder's
    /// <c>AddSigningKey</c>; together there must be at least one, unless a custom <see cref="IPatSigningKeyProvider"/> is used.
    /// </summary>
    /// <value>Defaults to none.</value>
    public IList<PatSigningKeyOptions> SigningKeys { get; set; } = [];

    /// <summary>The scope catalog of the default scope policy. Builder calls to <c>AddScope</c> add to this list.</summary>
    /// <value>Defaults to none.</value>
    public IList<PatScopeOptions> Scopes { get; set; } = [];

    /// <summary>
    /// How long a token's record stays listed after the token expired or was revoked, whichever came first. Records
    /// of tokens rotated away are kept, unlisted, until they expire, so reuse of them is still detected.
    /// </summary>
    /// <value>Defaults to 30 days.</value>
    public TimeSpan RecordRetention { get; set; } = PersonalAccessTokenDefaults.RecordRetention;

    /// <summary>How often the last use of each token is written to the record store; validation only writes to memory.</summary>
    /// <value>Defaults to 1 minute.</value>
    public TimeSpan UsageFlushInterval { get; set; } = PersonalAccessTokenDefaults.UsageFlushInterval;

    /// <summary>
    /// The windows before expiry in which a registered <see cref="IPatExpiryNotifier"/> is told about each active token,
    /// once per window. <see langword="null"/> means 7 days and 1 day.
    /// </summary>
    /// <value>Defaults to <see langword="null"/>: 7 days and 1 day.</value>
    public IList<TimeSpan>? ExpiryNoticeWindows { get; set; }
}
