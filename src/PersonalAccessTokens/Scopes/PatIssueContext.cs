namespace PersonalAccessTokens;

/// <summary>What <see cref="IPatScopePolicy.CheckIssueAsync"/> decides on.</summary>
public sealed class PatIssueContext
{
    internal PatIssueContext(PatIssueRequest request, IReadOnlyList<string> scopes, TimeSpan lifetime)
    {
        Request = request;
        Scopes = scopes;
        Lifetime = lifetime;
    }

    /// <summary>The request as the caller made it.</summary>
    public PatIssueRequest Request { get; }

    /// <summary>The requested scopes, syntax-checked and without duplicates.</summary>
    public IReadOnlyList<string> Scopes { get; }

    /// <summary>The lifetime the token would get, with the default applied.</summary>
    public TimeSpan Lifetime { get; }
}
