namespace PersonalAccessTokens.EntityFrameworkCore;

/// <summary>Options of the EF Core store.</summary>
public sealed class EntityFrameworkStoreOptions
{
    /// <summary>How often a node reads the revocations written since its last poll. With nothing new, a poll is one small query.</summary>
    /// <value>Defaults to 2 seconds.</value>
    public TimeSpan RevocationPollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long a node answers from its replica after polls started failing (or while one hangs) before refusing every
    /// token as <see cref="PatValidationFailure.RevocationUnavailable"/>.
    /// </summary>
    /// <value>Defaults to 30 seconds.</value>
    public TimeSpan StalenessLimit { get; set; } = TimeSpan.FromSeconds(30);
}
