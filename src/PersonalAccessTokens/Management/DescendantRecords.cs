using Microsoft.Extensions.Logging;

namespace PersonalAccessTokens;

/// <summary>
/// Marks the records of derived tokens whose ancestor ended. Validation refuses them already, through the ancestor
/// rule; this makes the owner's list say so rather than show them active. Best effort: it runs after a revocation or
/// rotation has succeeded, and a store failing here must not turn that success (and a token shown once) into an error.
/// </summary>
internal static class DescendantRecords
{
    public static async ValueTask MarkRevokedAsync(
        IPatRecordStore records, string subject, IReadOnlyCollection<string> endedIds, DateTimeOffset now, ILogger logger, CancellationToken cancellationToken)
    {
        try
        {
            await MarkAsync(records, subject, endedIds, now, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            PatLifecycleLog.DescendantsNotMarked(logger, ex, endedIds.First());
        }
    }

    private static async ValueTask MarkAsync(
        IPatRecordStore records, string subject, IReadOnlyCollection<string> endedIds, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Only tokens still active can need marking; a derived token never outlives its parent, so this list holds them all.
        var active = await records.ListAsync(subject, now, cancellationToken).ConfigureAwait(false);
        var ended = new HashSet<string>(endedIds, StringComparer.Ordinal);
        var descendants = new List<PatRecord>();
        for (var found = true; found;)
        {
            found = false;
            foreach (var record in active)
            {
                if (record.ParentId is { } parent && ended.Contains(parent) && ended.Add(record.Id))
                {
                    descendants.Add(record);
                    found = true;
                }
            }
        }

        foreach (var descendant in descendants.Where(d => d.RevokedAt is null))
        {
            await records.RevokeAsync(descendant.Id, now, PatRevocationReason.Revoked, cancellationToken).ConfigureAwait(false);
        }
    }
}
