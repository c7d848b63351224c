namespace PersonalAccessTokens.EntityFrameworkCore;

/// <summary>
/// A row of <c>pat_revocations</c>, the durable revocation list and its change log at once: nodes poll for rows
/// after the last sequence they settled, so a poll reads what changed, not the list.
/// </summary>
internal sealed class PatRevocationRow
{
    public const byte TokenKind = 0;
    public const byte SubjectKind = 1;

    /// <summary>Assigned by the database in insert order.</summary>
    public long Sequence { get; set; }

    public byte Kind { get; set; }

    /// <summary>The token id or the subject.</summary>
    public required string Key { get; set; }

    /// <summary>Unix seconds: the token's <c>exp</c>, or the revoke-all instant.</summary>
    public long Value { get; set; }

    /// <summary>Unix seconds after which the row can no longer matter and is purged.</summary>
    public long KeepUntil { get; set; }

    /// <summary>UTC ticks of the writing node's clock: how old a row is, to know when no earlier one can still appear.</summary>
    public long CreatedAt { get; set; }
}
