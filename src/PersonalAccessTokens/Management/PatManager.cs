using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace PersonalAccessTokens;

/// <summary>The lifecycle rules: ownership, retention, rotation. The record store only persists.</summary>
internal sealed class PatManager(
    IPatRecordStore records,
    IPatRevocationStore revocations,
    PatIssuer issuer,
    IOptions<PersonalAccessTokenOptions> options,
    TimeProvider timeProvider,
    ILoggerFactory? loggerFactory = null) : IPatManager
{
    // Optional, as everywhere in the core: a host without logging still works.
    private readonly ILogger _logger = (ILogger?)loggerFactory?.CreateLogger<PatManager>() ?? NullLogger.Instance;

    public async ValueTask<IReadOnlyList<PatRecord>> ListAsync(string subject, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(subject);
        if (!PatRecordIds.IsWellFormed(subject))
        {
            return [];
        }

        var now = timeProvider.GetUtcNow();
        var retention = options.Value.RecordRetention;
        var list = await records.ListAsync(subject, now - retention, cancellationToken).ConfigureAwait(false);

        // Filtered here too, so a store whose purge has not run yet never shows more than the retention allows.
        return [.. list
            .Where(r => r.Subject == subject && r.IsListedAt(now, retention))
            .OrderByDescending(r => r.IssuedAt)
            .ThenByDescending(r => r.Id, StringComparer.Ordinal)];
    }

    public async ValueTask<PatRecord?> FindAsync(string subject, string tokenId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(tokenId);
        if (!PatRecordIds.IsWellFormed(subject) || !PatRecordIds.IsWellFormed(tokenId))
        {
            return null;
        }

        var record = await records.FindAsync(tokenId, cancellationToken).ConfigureAwait(false);

        // Another user's token answers exactly as an unknown one: no hint that the id exists.
        return record is not null && record.Subject == subject && record.IsListedAt(timeProvider.GetUtcNow(), options.Value.RecordRetention)
            ? record
            : null;
    }

    public async ValueTask<bool> RevokeAsync(string subject, string tokenId, CancellationToken cancellationToken = default)
    {
        if (await FindAsync(subject, tokenId, cancellationToken).ConfigureAwait(false) is not { } record)
        {
            return false;
        }

        // The revocation store first: it is what validation trusts, so the token stops working even if marking fails.
        var now = timeProvider.GetUtcNow();
        await revocations.RevokeAsync(record.Id, record.ExpiresAt, cancellationToken).ConfigureAwait(false);
        await records.RevokeAsync(record.Id, now, PatRevocationReason.Revoked, cancellationToken).ConfigureAwait(false);
        await DescendantRecords.MarkRevokedAsync(records, subject, [record.Id], now, _logger, cancellationToken).ConfigureAwait(false);
        PatLifecycleLog.Revoked(_logger, record.Id, subject);
        return true;
    }

    public async ValueTask<PatIssueResult> RotateAsync(string subject, string tokenId, TimeSpan? lifetime = null, CancellationToken cancellationToken = default)
    {
        if (await FindAsync(subject, tokenId, cancellationToken).ConfigureAwait(false) is not { } record)
        {
            return PatIssueResult.Failed(new PatIssueError(PatIssueErrorCode.TokenNotFound, "No such token."));
        }

        return await RotateAsync(record, lifetime ?? record.ExpiresAt - record.IssuedAt, keepExpiry: false, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<PatIssueResult> RotateSelfAsync(ValidatedPat pat, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pat);
        if (await FindAsync(pat.Subject, pat.Id, cancellationToken).ConfigureAwait(false) is not { } record)
        {
            return PatIssueResult.Failed(new PatIssueError(PatIssueErrorCode.TokenNotFound, "The presented token has no record here."));
        }

        return await RotateAsync(record, lifetime: null, keepExpiry: true, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<PatIssueResult> RotateAsync(PatRecord record, TimeSpan? lifetime, bool keepExpiry, CancellationToken cancellationToken)
    {
        // A child is bounded by its parent at the moment it was made; a rotated child would be a fresh token.
        if (record.ParentId is not null)
        {
            return PatIssueResult.Failed(new PatIssueError(PatIssueErrorCode.DerivedTokenNotRotatable, $"The token {record.Id} was derived from {record.ParentId}; derive a new one from its parent instead of rotating it."));
        }

        if (record.GetStatus(timeProvider.GetUtcNow()) != PatTokenStatus.Active)
        {
            return PatIssueResult.Failed(new PatIssueError(PatIssueErrorCode.TokenNotActive, $"The token {record.Id} has expired or was revoked; only an active token can be rotated."));
        }

        var request = new PatIssueRequest { Subject = record.Subject, Name = record.Name, Scopes = record.Scopes, Lifetime = lifetime };
        var result = await issuer.IssueAsync(request, record, keepExpiry, derivation: null, cancellationToken).ConfigureAwait(false);
        if (result.Succeeded)
        {
            // The store linked the two records and marked the old one; now it stops working everywhere.
            await revocations.RevokeAsync(record.Id, record.ExpiresAt, cancellationToken).ConfigureAwait(false);
            await DescendantRecords.MarkRevokedAsync(records, record.Subject, [record.Id], timeProvider.GetUtcNow(), _logger, cancellationToken).ConfigureAwait(false);
            PatLifecycleLog.Rotated(_logger, record.Id, result.Pat.Id, record.Subject);
        }

        return result;
    }
}
