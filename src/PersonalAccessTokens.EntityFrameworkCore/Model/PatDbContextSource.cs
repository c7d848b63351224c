using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace PersonalAccessTokens.EntityFrameworkCore;

/// <summary>Where the singleton stores get a short-lived context for each operation: the package's own, or the host's.</summary>
internal abstract class PatDbContextSource
{
    public abstract ValueTask<ContextLease> CreateAsync(CancellationToken cancellationToken);
}

/// <summary>A context and whatever must be disposed with it.</summary>
internal readonly struct ContextLease(DbContext context, IAsyncDisposable owner) : IAsyncDisposable
{
    public DbContext Context { get; } = context;

    public DbSet<PatRecordRow> Records => Context.Set<PatRecordRow>();

    public DbSet<PatRevocationRow> Revocations => Context.Set<PatRevocationRow>();

    public DbSet<PatExpiryNoticeRow> Notices => Context.Set<PatExpiryNoticeRow>();

    public ValueTask DisposeAsync() => owner.DisposeAsync();
}

/// <summary>
/// The package's own context. Its schema is created the first time anything needs it, whichever component asks
/// first: idempotent, so a fresh SQLite file works and a second host on the same database finds it ready.
/// </summary>
internal sealed class OwnContextSource(IDbContextFactory<PersonalAccessTokensDbContext> factory) : PatDbContextSource, IDisposable
{
    private readonly SemaphoreSlim _creating = new(1, 1);
    private volatile bool _created;

    public override async ValueTask<ContextLease> CreateAsync(CancellationToken cancellationToken)
    {
        var context = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        if (!_created)
        {
            await EnsureSchemaAsync(context, cancellationToken).ConfigureAwait(false);
        }

        return new ContextLease(context, context);
    }

    public void Dispose() => _creating.Dispose();

    private async Task EnsureSchemaAsync(DbContext context, CancellationToken cancellationToken)
    {
        await _creating.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_created)
            {
                return;
            }

            try
            {
                await context.Database.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Another host created the tables between our check and our CREATE: now they are there.
                await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken).ConfigureAwait(false);
                await context.Database.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
            }

            _created = true;
        }
        finally
        {
            _creating.Release();
        }
    }
}

/// <summary>The host's context, from a scope of its own: its model applies <c>ApplyPersonalAccessTokens</c>, its migrations own the schema.</summary>
internal sealed class HostContextSource<TContext>(IServiceScopeFactory scopes) : PatDbContextSource
    where TContext : DbContext
{
    public override ValueTask<ContextLease> CreateAsync(CancellationToken cancellationToken)
    {
        var scope = scopes.CreateAsyncScope();
        return ValueTask.FromResult(new ContextLease(scope.ServiceProvider.GetRequiredService<TContext>(), scope));
    }
}
