namespace PersonalAccessTokens.EntityFrameworkCore;

/// <summary>
/// A row of <c>pat_records</c>. Instants are UTC ticks: every provider compares and orders integers, while
/// SQLite cannot compare <see cref="DateTimeOffset"/> in queries.
/// </summary>
internal sealed class PatRecordRow
{
    public required string Id { get; set; }

    public required string Subject { get; set; }

    public string? Name { get; set; }

    /// <summary>Space-separated, as in the token: a scope-token holds no space.</summary>
    public required string Scopes { get; set; }

    public long IssuedAt { get; set; }

    public long ExpiresAt { get; set; }

    /// <summary>The earlier of revocation and expiry: what retention and purging count from.</summary>
    public long EndedAt { get; set; }

    public required string KeyId { get; set; }

    public long? LastUsedAt { get; set; }

    public string? LastUsedFrom { get; set; }

    public long? RevokedAt { get; set; }

    public PatRevocationReason? RevocationReason { get; set; }

    public string? RotatedFromId { get; set; }

    public string? RotatedToId { get; set; }

    public required string FamilyId { get; set; }

    public string? ParentId { get; set; }

    public static PatRecordRow From(PatRecord record) => new()
    {
        Id = record.Id,
        Subject = record.Subject,
        Name = record.Name,
        Scopes = string.Join(' ', record.Scopes),
        IssuedAt = record.IssuedAt.UtcTicks,
        ExpiresAt = record.ExpiresAt.UtcTicks,
        EndedAt = Math.Min(record.ExpiresAt.UtcTicks, record.RevokedAt?.UtcTicks ?? long.MaxValue),
        KeyId = record.KeyId,
        LastUsedAt = record.LastUsedAt?.UtcTicks,
        LastUsedFrom = record.LastUsedFrom,
        RevokedAt = record.RevokedAt?.UtcTicks,
        RevocationReason = record.RevocationReason,
        RotatedFromId = record.RotatedFromId,
        RotatedToId = record.RotatedToId,
        FamilyId = record.FamilyId,
        ParentId = record.ParentId,
    };

    public PatRecord ToRecord() => new()
    {
        Id = Id,
        Subject = Subject,
        Name = Name,
        Scopes = Scopes.Length == 0 ? [] : Scopes.Split(' '),
        IssuedAt = Instant(IssuedAt),
        ExpiresAt = Instant(ExpiresAt),
        KeyId = KeyId,
        LastUsedAt = LastUsedAt is { } used ? Instant(used) : null,
        LastUsedFrom = LastUsedFrom,
        RevokedAt = RevokedAt is { } revoked ? Instant(revoked) : null,
        RevocationReason = RevocationReason,
        RotatedFromId = RotatedFromId,
        RotatedToId = RotatedToId,
        FamilyId = FamilyId,
        ParentId = ParentId,
    };

    private static DateTimeOffset Instant(long utcTicks) => new(utcTicks, TimeSpan.Zero);
}
