using System.Diagnostics.CodeAnalysis;

namespace PersonalAccessTokens;

/// <summary>The outcome of <see cref="IPatValidator.ValidateAsync(string, CancellationToken)"/>.</summary>
public sealed class PatValidationResult
{
    private static readonly PatValidationResult[] Failures = CreateFailures();

    private PatValidationResult(PatValidationFailure failure, ValidatedPat? pat, string message, ValidatedPat? rejectedPat = null)
    {
        Failure = failure;
        Pat = pat;
        Message = message;
        RejectedPat = rejectedPat;
    }

    /// <summary>Whether the token is valid and satisfied every required scope.</summary>
    [MemberNotNullWhen(true, nameof(Pat))]
    public bool IsValid => Failure == PatValidationFailure.None;

    /// <summary>The rule the token broke, or <see cref="PatValidationFailure.None"/>.</summary>
    public PatValidationFailure Failure { get; }

    /// <summary>The validated token, when <see cref="IsValid"/> is <see langword="true"/>.</summary>
    public ValidatedPat? Pat { get; }

    /// <summary>A short message that is safe to show or log: it never holds any part of the token.</summary>
    public string Message { get; }

    /// <summary>
    /// The token that was refused although its signature verified, so a host can say which one it was ("your token
    /// 'laptop' expired on 2 March"): set for <see cref="PatValidationFailure.Expired"/>,
    /// <see cref="PatValidationFailure.NotYetValid"/>, <see cref="PatValidationFailure.LifetimeExceeded"/>,
    /// <see cref="PatValidationFailure.Revoked"/>, <see cref="PatValidationFailure.RevocationUnavailable"/> and
    /// <see cref="PatValidationFailure.InsufficientScope"/>; <see langword="null"/> otherwise, and always when the token is valid.
    /// </summary>
    /// <remarks>Never grant access on it: <see cref="IsValid"/> is the one test of success.</remarks>
    public ValidatedPat? RejectedPat { get; }

    /// <summary>Creates a successful result.</summary>
    /// <param name="pat">The validated token.</param>
    public static PatValidationResult Success(ValidatedPat pat)
    {
        ArgumentNullException.ThrowIfNull(pat);
        return new PatValidationResult(PatValidationFailure.None, pat, "The token is valid.");
    }

    /// <summary>Returns the shared, immutable result for a failure; it allocates nothing.</summary>
    /// <param name="failure">The rule the token broke; not <see cref="PatValidationFailure.None"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="failure"/> is <see cref="PatValidationFailure.None"/> or undefined.</exception>
    public static PatValidationResult Failed(PatValidationFailure failure)
    {
        ThrowIfNotAFailure(failure);
        return Failures[(int)failure];
    }

    /// <summary>Creates a failed result with a message of its own and, for a token that verified, the token refused.</summary>
    /// <param name="failure">The rule the token broke; not <see cref="PatValidationFailure.None"/>.</param>
    /// <param name="message">What went wrong, safe to show: never any part of the token.</param>
    /// <param name="rejectedPat">The token refused, when its signature verified; see <see cref="RejectedPat"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="failure"/> is <see cref="PatValidationFailure.None"/> or undefined.</exception>
    public static PatValidationResult Failed(PatValidationFailure failure, string message, ValidatedPat? rejectedPat = null)
    {
        ThrowIfNotAFailure(failure);
        ArgumentException.ThrowIfNullOrWhiteSpace(message);
        return new PatValidationResult(failure, null, message, rejectedPat);
    }

    /// <summary>The shared message for <paramref name="failure"/>, as <see cref="Failed(PatValidationFailure)"/> gives it.</summary>
    internal static string DefaultMessage(PatValidationFailure failure) => Failures[(int)failure].Message;

    private static void ThrowIfNotAFailure(PatValidationFailure failure)
    {
        if (failure == PatValidationFailure.None || (uint)failure >= (uint)Failures.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(failure), failure, "A failed result needs a failure other than None.");
        }
    }

    /// <summary>Describes the result without any part of the token.</summary>
    public override string ToString() => IsValid ? $"Valid: {Pat}" : $"{Failure}: {Message}";

    private static PatValidationResult[] CreateFailures()
    {
        var values = Enum.GetValues<PatValidationFailure>();
        var results = new PatValidationResult[values.Length];
        foreach (var failure in values)
        {
            results[(int)failure] = new PatValidationResult(failure, null, MessageFor(failure));
        }

        return results;
    }

    // Messages name the rule, never the token: they end up in logs and WWW-Authenticate headers.
    private static string MessageFor(PatValidationFailure failure) => failure switch
    {
        PatValidationFailure.None => "The token is valid.",
        PatValidationFailure.Malformed => "The token is malformed.",
        PatValidationFailure.InvalidPrefix => "The token does not have the expected prefix.",
        PatValidationFailure.InvalidType => "The token is not a personal access token.",
        PatValidationFailure.InvalidAlgorithm => "The token's signing algorithm is not allowed.",
        PatValidationFailure.UnknownKey => "The token was signed with an unknown or retired key.",
        PatValidationFailure.InvalidSignature => "The token's signature is invalid.",
        PatValidationFailure.InvalidIssuer => "The token was issued by another issuer.",
        PatValidationFailure.InvalidAudience => "The token is for another audience.",
        PatValidationFailure.Expired => "The token has expired.",
        PatValidationFailure.NotYetValid => "The token is not valid yet.",
        PatValidationFailure.LifetimeExceeded => "The token's lifetime exceeds what the policy allows.",
        PatValidationFailure.Revoked => "The token has been revoked.",
        PatValidationFailure.RevocationUnavailable => "The token's revocation status could not be checked.",
        PatValidationFailure.InsufficientScope => "The token lacks a required scope.",
        _ => "The token is invalid.",
    };
}
