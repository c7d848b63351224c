namespace PersonalAccessTokens.EntityFrameworkCore;

/// <summary>A row of <c>pat_expiry_notices</c>: one claimed notice, whose key makes a second claim fail.</summary>
internal sealed class PatExpiryNoticeRow
{
    public required string TokenId { get; set; }

    public long WindowSeconds { get; set; }
}
