using PersonalAccessTokens;
using PersonalAccessTokens.EntityFrameworkCore;

namespace Microsoft.EntityFrameworkCore;

/// <summary>Adds the token tables to a host's own model, so they join the host's migrations.</summary>
public static class PersonalAccessTokensModelBuilderExtensions
{
    /// <summary>
    /// Maps <c>pat_records</c>, <c>pat_revocations</c> and <c>pat_expiry_notices</c>, with the indexes the store's
    /// queries use. Call it from your context's <c>OnModelCreating</c> and register the store with
    /// <c>AddEntityFrameworkStore&lt;TContext&gt;()</c>.
    /// </summary>
    /// <param name="modelBuilder">The model builder.</param>
    /// <returns>The model builder, so calls chain.</returns>
    public static ModelBuilder ApplyPersonalAccessTokens(this ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.Entity<PatRecordRow>(record =>
        {
            record.ToTable("pat_records");
            record.HasKey(r => r.Id);
            record.Property(r => r.Id).HasMaxLength(PatRecordIds.MaxLength);
            record.Property(r => r.Subject).HasMaxLength(PatRecordIds.MaxLength);
            record.Property(r => r.Name).HasMaxLength(PatRecordIds.MaxLength);
            record.Property(r => r.KeyId).HasMaxLength(PatRecordIds.MaxLength);
            record.Property(r => r.LastUsedFrom).HasMaxLength(64);
            record.Property(r => r.RotatedFromId).HasMaxLength(PatRecordIds.MaxLength);
            record.Property(r => r.RotatedToId).HasMaxLength(PatRecordIds.MaxLength);
            record.Property(r => r.FamilyId).HasMaxLength(PatRecordIds.MaxLength);
            record.Property(r => r.ParentId).HasMaxLength(PatRecordIds.MaxLength);

            // A user's list, newest first; expiry notices; purging; a family's revocation.
            record.HasIndex(r => new { r.Subject, r.IssuedAt });
            record.HasIndex(r => r.ExpiresAt);
            record.HasIndex(r => r.EndedAt);
            record.HasIndex(r => r.FamilyId);
        });
        modelBuilder.Entity<PatRevocationRow>(revocation =>
        {
            revocation.ToTable("pat_revocations");
            revocation.HasKey(r => r.Sequence);
            revocation.Property(r => r.Sequence).ValueGeneratedOnAdd();
            revocation.Property(r => r.Key).HasMaxLength(PatRecordIds.MaxLength);

            // The poll reads by sequence (the key); the load and the purge by KeepUntil.
            revocation.HasIndex(r => r.KeepUntil);
        });
        modelBuilder.Entity<PatExpiryNoticeRow>(notice =>
        {
            notice.ToTable("pat_expiry_notices");
            notice.HasKey(n => new { n.TokenId, n.WindowSeconds });
            notice.Property(n => n.TokenId).HasMaxLength(PatRecordIds.MaxLength);
        });
        return modelBuilder;
    }
}
