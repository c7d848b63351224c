namespace PersonalAccessTokens;

/// <summary>Default values of <see cref="PersonalAccessTokenOptions"/>.</summary>
public static class PersonalAccessTokenDefaults
{
    /// <summary>The default <c>typ</c> header: <c>pat+jwt</c>, after RFC 8725 §3.11's explicit typing.</summary>
    public const string TokenType = "pat+jwt";

    /// <summary>The default token length limit, in characters.</summary>
    public const int MaxTokenLength = 8192;

    /// <summary>The default size of the verified-token cache, in tokens.</summary>
    public const int ValidationCacheSize = 10_000;

    /// <summary>The default lifetime: 30 days.</summary>
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromDays(30);

    /// <summary>The default maximum lifetime: 366 days.</summary>
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromDays(366);

    /// <summary>The default clock skew: 30 seconds.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    /// <summary>The default record retention after a token ends: 30 days.</summary>
    public static readonly TimeSpan RecordRetention = TimeSpan.FromDays(30);

    /// <summary>The default usage flush interval: 1 minute.</summary>
    public static readonly TimeSpan UsageFlushInterval = TimeSpan.FromMinutes(1);

    /// <summary>The default lifetime of a derived token: 1 hour, and never past its parent's expiry.</summary>
    public static readonly TimeSpan DefaultDerivedLifetime = TimeSpan.FromHours(1);

    /// <summary>How many levels below an ordinary token a derived token may be: 2, a child and a grandchild.</summary>
    public const int MaxDerivationDepth = 2;

    /// <summary>The default expiry notice windows: 7 days and 1 day.</summary>
    public static readonly IReadOnlyList<TimeSpan> ExpiryNoticeWindows = [TimeSpan.FromDays(7), TimeSpan.FromDays(1)];
}
