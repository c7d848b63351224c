using System.Diagnostics.CodeAnalysis;

namespace PersonalAccessTokens;

/// <summary>The outcome of <see cref="IPatIssuer.IssueAsync"/>.</summary>
public sealed class PatIssueResult
{
    private PatIssueResult(IssuedPat? pat, PatIssueError? error)
    {
        Pat = pat;
        Error = error;
    }

    /// <summary>Whether a token was issued.</summary>
    [MemberNotNullWhen(true, nameof(Pat))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Pat is not null;

    /// <summary>The issued token, when <see cref="Succeeded"/> is <see langword="true"/>.</summary>
    public IssuedPat? Pat { get; }

    /// <summary>Why the request was refused, when <see cref="Succeeded"/> is <see langword="false"/>.</summary>
    public PatIssueError? Error { get; }

    /// <summary>Creates a successful result.</summary>
    /// <param name="pat">The issued token.</param>
    public static PatIssueResult Success(IssuedPat pat)
    {
        ArgumentNullException.ThrowIfNull(pat);
        return new PatIssueResult(pat, null);
    }

    /// <summary>Creates a failed result.</summary>
    /// <param name="error">Why the request was refused.</param>
    public static PatIssueResult Failed(PatIssueError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new PatIssueResult(null, error);
    }
}
